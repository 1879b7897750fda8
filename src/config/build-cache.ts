/**
 * The tag the generated workflow keeps its BuildKit registry cache at. Every build moves it, so it is the one tag an
 * IMMUTABLE repository excludes from immutability (image-repository.ts); `hatoba lint` warns about other cache tags.
 */
export const BUILD_CACHE_TAG = 'buildcache';
/**
 * Days after the last build that the cache image expires. Two weeks idle is long enough for base images to have
 * moved on, so the cache would mostly miss anyway; expiring it costs one cold build.
 */
export const BUILD_CACHE_EXPIRY_DAYS = 14;
