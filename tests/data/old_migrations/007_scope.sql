-- The units an account may see: its locality and everything under it, and the units before the
-- 2025 reform whose successor lies there (so xã Vĩnh Lộc's officers see thị trấn Vĩnh Lộc's history).
CREATE MACRO in_scope(root) AS TABLE
SELECT DISTINCT c.locality_id
FROM locality_closure c
WHERE c.ancestor_id = root
   OR c.ancestor_id IN (SELECT l.locality_id FROM localities l
                        JOIN locality_closure s ON s.locality_id = l.successor_id AND s.ancestor_id = root);
