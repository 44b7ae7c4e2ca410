package io.ward.model.exposure;

/** Security capabilities a manufacturer declares in an MDS2 form, each read from its questions. */
public enum SecurityCapability {
  /** The device handles personally identifiable information (MPII-1). */
  HANDLES_PII,
  /** PII is encrypted before transmission (TXCF-2). */
  ENCRYPTION_IN_TRANSIT,
  /** Data at rest can be encrypted (STCF-1). */
  ENCRYPTION_AT_REST,
  /** TLS is supported (CONN-7). */
  TLS_SUPPORTED,
  /** Users must log in (AUTH-1). */
  AUTHENTICATION,
  /** Unique ids and passwords for all users (PAUT-1). */
  UNIQUE_USER_ACCOUNTS,
  /** Multi-factor authentication (PAUT-8). */
  MULTI_FACTOR_AUTHENTICATION,
  /** Communication partners are authenticated (NAUT-1). */
  NODE_AUTHENTICATION,
  /** Automatic logoff / session lock (ALOF-1). */
  AUTOMATIC_LOGOFF,
  /** Audit logs are kept (AUDT-1). */
  AUDIT_LOGGING,
  /** Anti-malware software is supported (MLDP-2). */
  MALWARE_PROTECTION,
  /** Application allow-listing (MLDP-4). */
  APPLICATION_ALLOWLISTING,
  /** Remote service connections are permitted (RMOT-1). */
  REMOTE_SERVICE,
  /** The owner/operator may install OS patches (CSUP-2.1). */
  OWNER_INSTALLS_PATCHES,
  /** Patches need the vendor or vendor-authorised service (CSUP-2.2). */
  VENDOR_INSTALLS_PATCHES,
  /** Patches can be installed remotely (CSUP-2.3). */
  REMOTE_PATCHING,
  /** Third-party (e.g. OS) security updates may be installed without approval (CSUP-2.4). */
  THIRD_PARTY_PATCHES_WITHOUT_APPROVAL,
  /** The SBOM is available (SBOM-1). */
  SBOM_AVAILABLE,
  /** The device is hardened to an industry standard (SAHD-1). */
  HARDENED,
  /** The device can communicate outside the customer environment (CONN-4). */
  EXTERNAL_CONNECTIVITY
}
