-- A path that does not exist gives NULL from the walker and from the decoder.
BEGIN;
SELECT plan(9);

CREATE TEMP TABLE doc ON COMMIT DROP AS
SELECT etl_flatted_parse('[{"items":"1","name":"2","n":7},["3"],"cam",{"x":"2"}]') AS d;

SELECT is(etl_flatted_node(d, '{nope}'), NULL, 'a missing key') FROM doc;
SELECT is(etl_flatted_node(d, '{items,1}'), NULL, 'an index past the end') FROM doc;
SELECT is(etl_flatted_node(d, '{items,-1}'), NULL, 'a negative index') FROM doc;
SELECT is(etl_flatted_node(d, '{items,x}'), NULL, 'a key on an array') FROM doc;
SELECT is(etl_flatted_node(d, '{items,0,x,y}'), NULL, 'a key below a present one that is missing') FROM doc;
SELECT is(etl_flatted_node(d, '{name,0}'), NULL, 'descending into a string element') FROM doc;
SELECT is(etl_flatted_node(d, '{n,0}'), NULL, 'descending into an inline number') FROM doc;
SELECT is(etl_flatted_decode(d, '{items,0,nope}'), NULL, 'decode of a missing key') FROM doc;
SELECT is(etl_flatted_decode(d, '{name,0}'), NULL, 'decode below a string') FROM doc;

SELECT * FROM finish();
ROLLBACK;
