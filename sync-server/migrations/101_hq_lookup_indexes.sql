-- Index-backed reads of HQ data over the replicated documents (src/members, src/reports). Expression indexes
-- rather than side tables: they stay right whatever path wrote the document (import, replication push).

-- Member lookup by card and by phone digits (members of every store, tens of millions).
CREATE INDEX hq_members_card ON documents ((data->>'cardNumber')) WHERE collection = 'members';
CREATE INDEX hq_members_phone ON documents ((regexp_replace(data->>'phone', '[^0-9]', '', 'g')))
  WHERE collection = 'members';

-- Points balance = sum of a member's points entries in the loyalty ledger.
CREATE INDEX hq_loyalty_member ON documents ((data->>'memberId')) WHERE collection = 'loyalty_entries';

-- Sales, returns and shifts of one store and business day.
CREATE INDEX hq_sales_store_day ON documents (store_id, (data->>'businessDay')) WHERE collection = 'sales';
CREATE INDEX hq_shifts_store_day ON documents (store_id, (data->>'businessDay')) WHERE collection = 'shifts';

-- Stock ledger (flows and counts) of one store (and product).
CREATE INDEX hq_stock_movements_store_product ON documents (store_id, (data->>'productId'))
  WHERE collection = 'stock_movements';

-- Last write of each device, for the day-end status.
CREATE INDEX hq_documents_writer ON documents (written_by, written_at);
