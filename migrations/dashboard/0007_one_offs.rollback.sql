-- Nothing to undo: the group keeps no login and no password (the previous release's sql/ cleared
-- them on every migrate, and a cleared password cannot be put back).
SELECT 1;
