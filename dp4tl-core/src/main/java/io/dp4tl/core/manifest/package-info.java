/**
 * The portable selection artifact: {@code selection.json} (a versioned JSON manifest) plus
 * {@code .npy} sidecars, read and written by {@link io.dp4tl.core.manifest.JsonSelectionCodec}.
 * The schema is documented in {@code docs/manifest.md}.
 */
package io.dp4tl.core.manifest;
