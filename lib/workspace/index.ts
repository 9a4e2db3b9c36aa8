export { openWorkspace, scoreVersions, type OpenedWorkspace, type OpenOptions, type WorkspaceInput } from "./open.js";
export { checkVersions, dataHas, missingData, parseVersions, versionId, type VersionEntry, type VersionStatus } from "./versions.js";
export { parseWorkspaceFile, workspaceFile, WORKSPACE_FORMAT, type WorkspaceData } from "./file.js";
export { browserModelFile, mergeModelFiles, modelText, nextVersion, type ModelOverlay } from "./model-files.js";
