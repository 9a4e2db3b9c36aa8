export { openWorkspace, scoreVersions, type OpenedWorkspace, type OpenOptions, type WorkspaceInput } from "./open.js";
export { checkVersions, dataHas, missingData, parseVersions, versionId, type VersionEntry, type VersionStatus } from "./versions.js";
