package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.model.AreaEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PresenceTest {
    private static final Duration GRACE = WhereToEatBuilder.DEFAULT_PRESENCE_GRACE;

    private final Lunch lunch = new Lunch();
    private final Presence presence = lunch.app.presence();
    private final Person ann = lunch.joined("Ann");

    @Test
    void aMemberWhoseLastConnectionWentLeavesOnceTheGraceHasPassed() {
        RecordingListener watching = lunch.watch();
        presence.attached(ann.session, lunch.office);
        presence.detached(ann.session, lunch.office);

        lunch.laterBy(GRACE.minusMillis(1));
        assertThat(isMember(ann)).isTrue();
        lunch.laterBy(Duration.ofMillis(1));

        assertThat(isMember(ann)).isFalse();
        assertThat(watching.next()).isInstanceOfSatisfying(AreaEvent.MemberLeft.class,
                left -> assertThat(left.name()).isEqualTo(ann.name));
    }

    @Test
    void aConnectionThatComesBackWithinTheGraceKeepsTheMemberAndNobodySeesAnything() {
        RecordingListener watching = lunch.watch();
        presence.attached(ann.session, lunch.office);
        presence.detached(ann.session, lunch.office);
        lunch.laterBy(Duration.ofSeconds(2)); // a page reload

        ann.join();
        presence.attached(ann.session, lunch.office);
        lunch.laterBy(GRACE.multipliedBy(3));

        assertThat(isMember(ann)).isTrue();
        watching.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void anotherConnectionOfTheSameSessionKeepsTheMember() {
        presence.attached(ann.session, lunch.office);
        presence.attached(ann.session, lunch.office); // a second tab
        presence.detached(ann.session, lunch.office);

        lunch.laterBy(GRACE.multipliedBy(3));

        assertThat(isMember(ann)).isTrue();
    }

    @Test
    void aMemberWhoWasActiveOnAnotherNodeSinceStays() {
        WhereToEat otherNode = lunch.anotherNode();
        presence.attached(ann.session, lunch.office);
        presence.detached(ann.session, lunch.office);
        lunch.laterBy(Duration.ofSeconds(3));

        result(otherNode.join(ann.session, lunch.office, ann.name)); // reconnected to the other node
        otherNode.presence().attached(ann.session, lunch.office);
        lunch.laterBy(GRACE);

        assertThat(isMember(ann)).isTrue();
    }

    @Test
    void aMemberWhoLeftThemselvesIsNotLeftTwice() {
        RecordingListener watching = lunch.watch();
        presence.attached(ann.session, lunch.office);
        ann.leave();
        presence.detached(ann.session, lunch.office);

        lunch.laterBy(GRACE);

        assertThat(watching.next()).isInstanceOf(AreaEvent.MemberLeft.class);
        watching.assertNothingWithin(Lunch.QUIET);
    }

    @Test
    void nobodyLeavesWhileTheNodeStops() {
        Person bob = lunch.joined("Bob");
        bob.voteFor(NOODLES);
        presence.attached(ann.session, lunch.office);
        presence.attached(bob.session, lunch.office);
        presence.detached(ann.session, lunch.office); // went just before the stop

        presence.stopping();
        presence.detached(bob.session, lunch.office); // closed by the stop
        lunch.laterBy(GRACE.multipliedBy(3));

        assertThat(isMember(ann)).isTrue();
        assertThat(isMember(bob)).isTrue();
    }

    private boolean isMember(Person person) {
        return result(lunch.app.membership(person.session, lunch.office)).isPresent();
    }
}
