package io.github.streamgear.camel;

/**
 * What a consumer needs to know about the job a file belongs to.
 *
 * @param live            whether it is a live stream (its manifests change: short cache lifetime)
 * @param segmentDuration the target segment duration, in seconds
 */
record PublishedJob(boolean live, double segmentDuration) {
}
