"""`sai-etl run`: the Stage 2 worker loop, its claims, image work, LISTEN, pool and sd_notify."""
