/** Variant assignment from a unit id; defined in the protocol so a backend assigns exactly as the widget does. */
export { assignVariant, type ExperimentDefinition, type VariantDefinition } from '../protocol/bucketing.js';
