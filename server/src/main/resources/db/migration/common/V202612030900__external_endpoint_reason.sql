-- Why each external endpoint is one (io.ward.model.ExternalEndpoint.Reason ids, sorted and
-- comma-separated): 'behind-router', only a router's frames carried the address; 'no-link-layer',
-- the capture carried no MAC for it (raw IP, a Linux cooked capture's tunnel interfaces) and it
-- talked with a private or declared-internal address. Both when captures showed it both ways. The
-- audit texts and the console say which, instead of "seen only behind a router" for every one.
--
-- Rows stored before this column have '' (not recorded): which rule the captures that showed them
-- used was not kept, and since the no-link-layer rule came before this column either may have.
-- The next capture that shows the address records its reason.
ALTER TABLE external_endpoint ADD COLUMN reasons VARCHAR(100) NOT NULL DEFAULT '';
