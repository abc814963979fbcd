-- Day-end figures per store and per device of that store (src/reports/day-end-status.ts): the last document
-- that reached HQ carrying a device's id (pushed by the device itself or relayed by its store hub), and its
-- stock movement sequence, both read within the device's own store only.
CREATE INDEX hq_documents_store_device ON documents (store_id, (data->>'deviceId'), written_at)
  WHERE data ? 'deviceId';
