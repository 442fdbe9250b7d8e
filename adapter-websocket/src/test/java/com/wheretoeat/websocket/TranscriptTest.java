package com.wheretoeat.websocket;

import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.websocket.Transcript.Party;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole conversations kept as approval transcripts (src/test/resources/transcripts), so that any
 * change of the wire format shows up as a reviewed diff. Times and session tokens are fixed.
 */
class TranscriptTest {
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void joinVoteMoveRetractAndLeave() {
        Transcript transcript = new Transcript("join-vote-move-retract-leave");
        transcript.note("Ann connects without a session; her first join issues one, and its ack tells her the token.");
        Party ann = transcript.party("ann", live.connect()).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);

        transcript.note("Bob joins; Ann hears of it.");
        Party bob = transcript.party("bob", live.connect()).hears(1);
        bob.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Bob\"}", 1);
        ann.hears(1);

        transcript.note("Ann votes for a listed place; both hear it, Ann also gets her ack.");
        ann.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":{\"id\":\"example:noodle-bar\",\"name\":\"Noodle Bar\"}}", 2);
        bob.hears(1);

        transcript.note("Bob votes for a place he types in.");
        bob.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":\"Pizza Place\"}", 2);
        ann.hears(1);

        transcript.note("Ann moves her vote, then takes it back.");
        ann.says("{\"type\":\"vote\",\"id\":\"3\",\"venue\":{\"id\":\"example:taco-stand\",\"name\":\"Taco Stand\"}}", 2);
        bob.hears(1);
        ann.says("{\"type\":\"retract\",\"id\":\"4\"}", 2);
        bob.hears(1);

        transcript.note("Ann asks for the area as it stands.");
        ann.says("{\"type\":\"snapshot\",\"id\":\"5\"}", 1);

        transcript.note("Ann asks for the members after the first (by seq): in a big area, the pages after a snapshot's.");
        ann.says("{\"type\":\"members\",\"id\":\"6\",\"after\":1}", 1);

        transcript.note("Bob leaves; he hears his own leaving before the ack, and cannot vote any more.");
        bob.says("{\"type\":\"leave\",\"id\":\"3\"}", 2);
        ann.hears(1);
        bob.says("{\"type\":\"vote\",\"id\":\"4\",\"venue\":\"Pizza Place\"}", 1);

        transcript.verify();
    }

    @Test
    void aRoundIsDecidedItsTieBrokenAndADeadlineDecidesTheNext() {
        Transcript transcript = new Transcript("rounds-decisions-and-deadlines");
        transcript.note("Ann and Bob join; deciding before anyone voted is refused.");
        Party ann = transcript.party("ann", live.connect()).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        Party bob = transcript.party("bob", live.connect()).hears(1);
        bob.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Bob\"}", 1);
        ann.hears(1);
        ann.says("{\"type\":\"decide\",\"id\":\"2\"}", 1);

        transcript.note("They vote for two places; Ann sets a deadline in 15 minutes, which everyone hears.");
        ann.says("{\"type\":\"vote\",\"id\":\"3\",\"venue\":{\"id\":\"example:noodle-bar\"}}", 2);
        bob.hears(1);
        bob.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":{\"id\":\"example:taco-stand\"}}", 2);
        ann.hears(1);
        ann.says("{\"type\":\"deadline\",\"id\":\"4\",\"inMinutes\":15}", 2);
        bob.hears(1);

        transcript.note("Bob decides before the deadline: a tie, announced as one; the votes are gone with the round.");
        bob.says("{\"type\":\"decide\",\"id\":\"3\"}", 2);
        ann.hears(1);

        transcript.note("Ann breaks the tie: the server draws one of the tied places and says it was a draw. A second draw is refused.");
        ann.says("{\"type\":\"break-tie\",\"id\":\"5\"}", 2);
        bob.hears(1);
        bob.says("{\"type\":\"break-tie\",\"id\":\"4\"}", 1);

        transcript.note("In the next round Bob votes and sets a deadline at 12:00; when it comes, the round decides itself.");
        bob.says("{\"type\":\"vote\",\"id\":\"5\",\"venue\":{\"id\":\"example:taco-stand\"}}", 2);
        ann.hears(1);
        bob.says("{\"type\":\"deadline\",\"id\":\"6\",\"at\":\"2026-11-20T12:00:00Z\"}", 2);
        ann.hears(1);
        live.clock.advance(Duration.ofMinutes(15));
        ann.hears(1);
        bob.hears(1);

        transcript.note("Anyone may read the history, newest first.");
        ann.says("{\"type\":\"history\",\"id\":\"6\"}", 1);

        transcript.verify();
    }

    @Test
    void resumeAfterAGap() {
        Transcript transcript = new Transcript("resume-after-a-gap");
        transcript.note("Ann and Bob join.");
        WhereToEatClient annsFirst = live.connect();
        Party ann = transcript.party("ann", annsFirst).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        Party bob = transcript.party("bob", live.connect()).hears(1);
        bob.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Bob\"}", 1);
        ann.hears(1);

        transcript.note("Ann's connection drops after sequence number 2. She stays a member for the presence grace "
                + "(10 s) in case she comes back; Bob votes meanwhile.");
        annsFirst.close();
        annsFirst.awaitClose(LiveArea.WAIT);
        bob.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":{\"id\":\"example:noodle-bar\",\"name\":\"Noodle Bar\"}}", 2);

        transcript.note("Ann reconnects with her session in the query string and resumes from 2: the ack, then what she "
                + "missed. Nobody saw her leave or come back.");
        Party back = transcript.party("ann", live.connect(
                WhereToEatClient.to(live.uri()).session(annsFirst.session()))).hears(1);
        back.says("{\"type\":\"resume\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\",\"seq\":2}", 2);

        transcript.verify();
    }

    @Test
    void resetAfterAnInterruption() {
        Transcript transcript = new Transcript("reset-after-an-interruption");
        transcript.note("Ann and Bob join.");
        Party ann = transcript.party("ann", live.connect()).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        Party bob = transcript.party("bob", live.connect()).hears(1);
        bob.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Bob\"}", 1);
        ann.hears(1);

        transcript.note("Delivery of the area's events is interrupted while Ann votes: nobody hears the vote.");
        live.events.simulate(Fault.DOWN);
        ann.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":\"Pizza Place\"}", 1);

        transcript.note("Delivery is back: each starts again from a fresh snapshot, then hears what follows.");
        live.events.simulate(Fault.NONE);
        ann.hears(1);
        bob.hears(1);
        bob.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":\"Pizza Place\"}", 2);
        ann.hears(1);

        transcript.verify();
    }

    @Test
    void aVoteAndAMemberExpireLive() {
        Transcript transcript = new Transcript("a-vote-and-a-member-expire-live");
        transcript.note("Ann joins and votes at 11:45.");
        Party ann = transcript.party("ann", live.connect()).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        ann.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":{\"id\":\"example:noodle-bar\",\"name\":\"Noodle Bar\"}}", 2);

        transcript.note("Bob joins an hour later.");
        live.clock.advance(Duration.ofHours(1));
        Party bob = transcript.party("bob", live.connect()).hears(1);
        bob.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Bob\"}", 1);
        ann.hears(1);

        transcript.note("At 13:45 Ann's vote is two hours old: both hear it expire, without asking.");
        live.clock.advance(Duration.ofHours(1));
        ann.hears(1);
        bob.hears(1);

        transcript.note("At 15:45 Ann has been idle for four hours: her membership expires, and she hears it too.");
        live.clock.advance(Duration.ofHours(2));
        ann.hears(1);
        bob.hears(1);

        transcript.note("Ann is no longer a member until she joins again.");
        ann.says("{\"type\":\"vote\",\"id\":\"3\",\"venue\":\"Pizza Place\"}", 1);
        ann.says("{\"type\":\"join\",\"id\":\"4\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        bob.hears(1);

        transcript.verify();
    }

    @Test
    void mistakesAndTheirAnswers() {
        Transcript transcript = new Transcript("mistakes-and-their-answers");
        transcript.note("Eve sends what a careless or hostile client might; each gets an error and the connection stays open.");
        Party eve = transcript.party("eve", live.connect()).hears(1);
        eve.says("this is not json", 1);
        eve.says("[1,2,3]", 1);
        eve.says("{\"type\":\"snapshot\"}", 1);
        eve.says("{\"type\":\"dance\",\"id\":\"1\"}", 1);
        eve.says("{\"type\":\"vote\",\"id\":\"2\",\"venue\":\"Pizza Place\"}", 1);
        eve.says("{\"type\":\"join\",\"id\":\"3\",\"area\":\"Office 3F!\",\"name\":\"Eve\"}", 1);
        eve.says("{\"type\":\"join\",\"id\":4,\"area\":\"office-3f\",\"name\":\"   \"}", 1);
        eve.says("{\"type\":\"join\",\"id\":\"5\",\"area\":\"office-3f\",\"name\":42}", 1);

        transcript.note("A name is taken by another session.");
        Party ann = transcript.party("ann", live.connect()).hears(1);
        ann.says("{\"type\":\"join\",\"id\":\"1\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);
        eve.says("{\"type\":\"join\",\"id\":\"6\",\"area\":\"office-3f\",\"name\":\"Ann\"}", 1);

        transcript.note("Markup in a name is only text; a malformed place is refused.");
        eve.says("{\"type\":\"join\",\"id\":\"7\",\"area\":\"office-3f\",\"name\":\"<b>Eve</b>\"}", 1);
        ann.hears(1);
        eve.says("{\"type\":\"vote\",\"id\":\"8\",\"venue\":{\"id\":\"no colon\",\"name\":\"X\"}}", 1);
        eve.says("{\"type\":\"resume\",\"id\":\"9\",\"area\":\"office-3f\",\"name\":\"<b>Eve</b>\",\"seq\":-4}", 1);

        transcript.verify();
    }
}
