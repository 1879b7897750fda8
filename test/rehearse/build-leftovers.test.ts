import { describe, expect, it } from 'vitest';
import { printedImageIds, unfinishedStepContainers } from '../../src/rehearse/build-leftovers.js';

// Recorded from the legacy builder of Engine 20.10 building a two-stage Dockerfile.
const OUTPUT = `Step 1/4 : FROM debian:trixie-slim AS b
 ---> 6e45f61faddd
Step 2/4 : RUN echo hi > /x
 ---> Running in c3c5979a53da
Removing intermediate container c3c5979a53da
 ---> 2a1189a87744
Step 3/4 : FROM debian:trixie-slim
 ---> 6e45f61faddd
Step 4/4 : COPY --from=b /x /x
 ---> 0c15e7510940
Successfully built 0c15e7510940
`;

describe('printedImageIds', () => {
  it('reads the image ids the build printed, not the containers it ran', () => {
    expect(printedImageIds(OUTPUT)).toEqual(['6e45f61faddd', '2a1189a87744', '0c15e7510940']);
  });

  it('finds none in BuildKit output, which leaves no stage images', () => {
    expect(printedImageIds('#5 [2/2] RUN true\n#5 DONE 0.3s\n#6 writing image sha256:0c15e7510940 done\n')).toEqual([]);
  });
});

describe('unfinishedStepContainers', () => {
  it('names the container of a step the build was interrupted in, not the finished ones', () => {
    const interrupted = `${OUTPUT}Step 5/5 : RUN sleep 600\n ---> Running in 9f0e1d2c3b4a\n`;
    expect(unfinishedStepContainers(OUTPUT)).toEqual([]);
    expect(unfinishedStepContainers(interrupted)).toEqual(['9f0e1d2c3b4a']);
  });
});
