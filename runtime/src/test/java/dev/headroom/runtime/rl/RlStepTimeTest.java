package dev.headroom.runtime.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks the rollout phase, the synchronous step and the overlapped step on hand numbers. */
class RlStepTimeTest {

  // ---- The rollout phase ends with its slowest sequence ----

  @Test
  void issueTailCaseTakes320SecondsNot20() {
    // 500 sequences × a mean of 2,000 tokens = 1,000,000 tokens; at the fleet's 50,000
    // tokens/s that is 1,000,000 / 50,000 = 20 s, but the longest rollout of 32,000 tokens
    // decodes alone at 100 tokens/s: 32,000 / 100 = 320 s; max(20, 320) = 320 s.
    long tokens = 500L * 2_000;
    assertEquals(1_000_000L, tokens);
    assertEquals(320.0, RlSizing.rolloutSeconds(tokens, 50_000, 32_000, 100));
  }

  @Test
  void bulkSetsThePhaseWhenTheLongestRolloutIsShort() {
    // The same 1,000,000 tokens at 50,000 tokens/s = 20 s; a longest rollout of 1,500 tokens at
    // 100 tokens/s = 15 s; max(20, 15) = 20 s.
    assertEquals(20.0, RlSizing.rolloutSeconds(1_000_000, 50_000, 1_500, 100));
  }

  // ---- Synchronous: rollout, training and the broadcast in turn ----

  @Test
  void synchronousStepAddsTheThreePhases() {
    // 100 s rollout + 80 s training + 15 s broadcast = 195 s.
    assertEquals(195.0, RlSizing.synchronousStepSeconds(100, 80, 15));
  }

  @Test
  void synchronousStepOfTheCapstoneShapeAddsTheBroadcastToo() {
    // 87.5 s + 90.5 s + 5.6 s = 183.6 s: nothing overlaps, so the broadcast always shows.
    assertEquals(183.6, RlSizing.synchronousStepSeconds(87.5, 90.5, 5.6), 1e-12);
  }

  // ---- Overlapped: max(r, t) + max(0, s − |r − t|) ----

  @Test
  void overlappedStepHidesABroadcastShorterThanTheSlack() {
    // Rollout 100 s, training 80 s: the learners wait |100 − 80| = 20 s, and a 15 s broadcast
    // fits in it: max(100, 80) + max(0, 15 − 20) = 100 + 0 = 100 s.
    assertEquals(100.0, RlSizing.overlappedStepSeconds(100, 80, 15));
  }

  @Test
  void overlappedStepShowsTheBroadcastBeyondTheSlack() {
    // Rollout 100 s, training 80 s, broadcast 30 s: 30 − 20 = 10 s does not fit in the slack:
    // 100 + max(0, 30 − 20) = 110 s, against 100 + 80 + 30 = 210 s synchronous.
    assertEquals(110.0, RlSizing.overlappedStepSeconds(100, 80, 30));
    assertEquals(210.0, RlSizing.synchronousStepSeconds(100, 80, 30));
  }

  @Test
  void overlappedStepIsSymmetricInWhichSideWaits() {
    // Training-bound: rollout 80 s, training 100 s, broadcast 30 s: 100 + max(0, 30 − 20) = 110.
    assertEquals(110.0, RlSizing.overlappedStepSeconds(80, 100, 30));
    // And a broadcast exactly as long as the slack is just hidden: 100 + max(0, 20 − 20) = 100.
    assertEquals(100.0, RlSizing.overlappedStepSeconds(80, 100, 20));
  }

  @Test
  void overlappedStepOfBalancedSidesShowsTheWholeBroadcast() {
    // Rollout = training = 90 s leaves no slack: 90 + max(0, 5.6 − 0) = 95.6 s.
    assertEquals(95.6, RlSizing.overlappedStepSeconds(90, 90, 5.6), 1e-12);
  }
}
