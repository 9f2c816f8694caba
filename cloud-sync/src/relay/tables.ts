/** Tables of migration 008 (the media relay). Times are epoch ms. */
export interface RelayFilesTable {
  id: string;
  user_id: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  bytes: number;
  content_type: string;
  token_hash: string;
  /** Where the bytes are in the relay's storage (a path under its folder, or an object key in its bucket). */
  storage_key: string;
  created_at: number;
  expires_at: number;
}

export interface RelayTables {
  relay_files: RelayFilesTable;
}
