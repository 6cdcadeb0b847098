/** Target profiles: what each deployment target runs fast, for warnings in the CLI, reports and app. */
export { TARGET_PROFILES, TargetId, type PrecisionSupport, type ProfilePrecision, type Support, type TargetProfile } from './profiles';
export { cpuHasVnni, localCpuTarget } from './detect-cpu';
export { precisionWarnings } from './precision-warnings';
