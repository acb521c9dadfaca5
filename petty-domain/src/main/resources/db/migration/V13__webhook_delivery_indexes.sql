-- Deleting a pet (an owner's request, an erasure) cascades to its webhook deliveries: without an index each deletion
-- scanned the outbox. The retention sweep deletes deliveries done for 7 days by the time they were done.
CREATE INDEX webhook_delivery_pet ON webhook_delivery (pet_id);
CREATE INDEX webhook_delivery_done ON webhook_delivery ((coalesce(delivered_at, abandoned_at)));
