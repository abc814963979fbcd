-- Device roles (ARCHITECTURE.md §3): an enrollment code says which role the device it enrolls gets.
-- 'lane' (a till, kiosk or cart host) writes only documents carrying its own deviceId; 'store-hub' (the edge
-- agent) relays documents of any device enrolled in its store. Devices enrolled before roles existed were
-- lanes.

ALTER TABLE enrollment_codes ADD COLUMN role text NOT NULL DEFAULT 'lane'
  CHECK (role IN ('lane', 'store-hub'));

ALTER TABLE devices ADD COLUMN role text NOT NULL DEFAULT 'lane'
  CHECK (role IN ('lane', 'store-hub'));

-- The store hub's ownership check looks devices up by store.
CREATE INDEX devices_store_idx ON devices (store_id, device_id);
