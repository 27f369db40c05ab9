-- 008: PLACEHOLDER on branch feedback only, so that 009 has contiguous predecessors while
-- migrations 007 (annual plan) and 008 (problems) are written on other branches. The lead deletes
-- this file when merging (the real 008 takes its place).
SELECT 1;
