/** The deterministic generator of SourceTrace's import files and their ground truth. */
package org.sourcetrace.seed;
