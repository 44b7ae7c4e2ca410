/**
 * Exposure knowledge shared by Ward modules: advisories (CSAF, NVD, CVE JSON 5), known exploited
 * vulnerabilities, EPSS scores, FDA device recalls, SBOMs, VEX statements, MDS2 forms and CMDB
 * assets. Values only; the readers live in {@code io.ward.exposure.feeds}.
 */
package io.ward.model.exposure;
