/**
 * Feed sources that are more than one file: a CSAF provider (provider-metadata.json, ROLIE feeds,
 * directory index) whose documents are fetched one by one, and the NVD CVE API 2.0, paged and then
 * updated by modification-date windows. Both fetch conditionally, validate before storing, keep the
 * last good copy of anything that fails, and report each failure by URL. {@link
 * io.ward.exposure.feeds.FeedStore#sync} chooses them; nothing here is called directly.
 */
package io.ward.exposure.feeds.sync;
