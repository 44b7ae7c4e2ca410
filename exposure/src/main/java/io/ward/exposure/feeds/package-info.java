/**
 * Knowledge in: readers for advisories (CSAF 2.0, NVD CVE API 2.0, CVE JSON 5), CISA KEV, FIRST
 * EPSS, openFDA device recalls, CycloneDX SBOM/VEX, MDS2 workbooks and CMDB exports; the offline
 * feed store with conditional sync; and {@link io.ward.exposure.feeds.KnowledgeLoader}, the facade
 * the CLI and server call. Readers never throw on bad input: each problem is a {@link
 * io.ward.exposure.feeds.FeedProblem} naming the file, and everything valid is kept.
 */
package io.ward.exposure.feeds;
