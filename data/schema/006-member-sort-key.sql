-- 006-member-sort-key.sql — schema version 6: members kept in pinyin order by an indexed key (issue 18).
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- The roster, the roll call and the pickers list people by pinyin with surnames read as surnames
-- (单 shan, 曾 zeng, 欧阳 ouyang: core/pinyin.c). A list pages by a keyset over an index, so the order
-- is a stored column: sort_key = pinyin_sort_key(name) || '!' || name (equal readings fall back on the
-- name's bytes). core/store_open.c computes it with fx_sort_key(name): here for the rows already in the
-- ledger, and on every writer connection through TEMP triggers for rows inserted or renamed later,
-- however they are written; rows written by another tool (sqlite3) read '' until the next action writes
-- (store_begin fills them in its transaction). Not year-bound: member holds no figure of a closed year.
ALTER TABLE member ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE member SET sort_key = fx_sort_key(name);
CREATE INDEX member_sort ON member(sort_key, id);
CREATE INDEX member_branch_sort ON member(branch_id, sort_key, id);
