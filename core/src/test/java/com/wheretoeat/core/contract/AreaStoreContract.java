package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaEvent.MemberJoined;
import com.wheretoeat.core.model.AreaEvent.MemberExpired;
import com.wheretoeat.core.model.AreaEvent.MemberLeft;
import com.wheretoeat.core.model.AreaEvent.VoteCast;
import com.wheretoeat.core.model.AreaEvent.VoteExpired;
import com.wheretoeat.core.model.AreaEvent.VoteMoved;
import com.wheretoeat.core.model.AreaEvent.VoteRetracted;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The specification of an {@link AreaStore} and the events it announces. Every adapter of the
 * port extends this class; the same tests then prove each adapter behaves the same.
 */
public abstract class AreaStoreContract extends AreaContract {
    protected static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;

    private AreaStore store;

    @BeforeEach
    void useStore() {
        store = ports.store();
    }

    private Instant at(Duration sinceStart) {
        return start.plus(sinceStart);
    }

    private Joined join(SessionId who, String as) {
        return result(store.join(area, who, name(as), start, LIFETIMES));
    }

    private Vote vote(SessionId who, Venue venue) {
        return result(store.vote(area, who, venue, start, LIFETIMES));
    }

    private AreaSnapshot snapshot() {
        return result(store.snapshot(area, start));
    }

    @Test
    void anAreaNobodyUsedIsEmptyAtSequenceZero() {
        AreaSnapshot snapshot = snapshot();

        assertThat(snapshot.area()).isEqualTo(area);
        assertThat(snapshot.seq()).isZero();
        assertThat(snapshot.members()).isEmpty();
        assertThat(snapshot.votes()).isEmpty();
        assertThat(snapshot.tally().ranking()).isEmpty();
    }

    @Test
    void joiningRecordsAndAnnouncesTheMember() {
        RecordingListener listener = listen(area);

        Joined joined = join(session(), "Ann");

        assertThat(joined.you().name()).isEqualTo(name("Ann"));
        assertThat(joined.you().seq()).isEqualTo(1);
        assertThat(joined.you().expiresAt()).isEqualTo(start.plus(LIFETIMES.member()));
        assertThat(joined.snapshot().members()).containsExactly(joined.you());
        assertThat(joined.snapshot().seq()).isEqualTo(1);
        MemberJoined event = listener.next(MemberJoined.class);
        assertThat(event.seq()).isEqualTo(1);
        assertThat(event.member()).isEqualTo(joined.you());
        assertThat(event.area()).isEqualTo(area);
    }

    @Test
    void aJoinersSnapshotHoldsEveryCurrentVote() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        join(bob, "Bob");
        vote(ann, TRATTORIA);
        vote(bob, NOODLES);

        Joined carol = join(session(), "Carol");

        assertThat(carol.snapshot().votes()).extracting(Vote::voter, v -> v.venue().id())
                .containsExactly(
                        tuple(name("Ann"), TRATTORIA.id()),
                        tuple(name("Bob"), NOODLES.id()));
        assertThat(carol.snapshot().members()).extracting(Member::name)
                .containsExactly(name("Ann"), name("Bob"), name("Carol"));
        assertThat(carol.snapshot().seq()).isEqualTo(5);
    }

    @Test
    void everyEventOfWhoIsThereCarriesTheMemberCountAfterIt() {
        RecordingListener listener = listen(area);
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        join(bob, "Bob");
        join(bob, "Bobby");
        result(store.leave(area, ann, start));
        result(store.expire(area, at(LIFETIMES.member())));

        assertThat(listener.next(MemberJoined.class).memberCount()).isEqualTo(1);
        assertThat(listener.next(MemberJoined.class).memberCount()).isEqualTo(2);
        assertThat(listener.next(MemberLeft.class).memberCount()).as("Bob renamed: left").isEqualTo(1);
        assertThat(listener.next(MemberJoined.class).memberCount()).as("then joined as Bobby").isEqualTo(2);
        assertThat(listener.next(MemberLeft.class).memberCount()).isEqualTo(1);
        assertThat(listener.next(MemberExpired.class).memberCount()).isZero();
    }

    @Test
    void aSnapshotHoldsTheFirstPageOfMembersAndCountsThemAll() {
        int everyone = AreaSnapshot.MEMBER_PAGE + 30;
        List<SessionId> sessions = new ArrayList<>();
        for (int i = 0; i < everyone; i++) {
            sessions.add(session());
            join(sessions.get(i), "Member " + i);
        }

        Joined last = join(session(), "Late");

        assertThat(last.snapshot().memberCount()).isEqualTo(everyone + 1);
        assertThat(last.snapshot().members()).hasSize(AreaSnapshot.MEMBER_PAGE);
        assertThat(last.snapshot().members().get(0).name()).isEqualTo(name("Member 0"));
        assertThat(last.snapshot().hasMoreMembers()).isTrue();
        assertThat(snapshot().members()).isEqualTo(last.snapshot().members());
        assertThat(snapshot().memberCount()).isEqualTo(everyone + 1);
        assertThat(last.you().name()).as("the joiner is known even beyond the first page").isEqualTo(name("Late"));
    }

    @Test
    void pagesOfMembersFollowInOrderOfJoiningWithoutSkippingOrRepeating() {
        int everyone = 2 * AreaSnapshot.MEMBER_PAGE + 10;
        List<SessionId> sessions = new ArrayList<>();
        for (int i = 0; i < everyone; i++) {
            sessions.add(session());
            join(sessions.get(i), "Member " + i);
        }
        result(store.leave(area, sessions.get(150), start)); // on the second page
        join(session(), "Newcomer"); // comes at the end

        List<Member> seen = new ArrayList<>(snapshot().members());
        MemberPage page;
        do {
            page = result(store.members(area, seen.get(seen.size() - 1).seq(), start));
            assertThat(page.members()).hasSizeLessThanOrEqualTo(AreaSnapshot.MEMBER_PAGE);
            assertThat(page.memberCount()).isEqualTo(everyone);
            seen.addAll(page.members());
        } while (page.more());

        assertThat(seen).extracting(m -> m.name().value()).doesNotHaveDuplicates()
                .doesNotContain("Member 150").contains("Member 0", "Member 209", "Newcomer").hasSize(everyone);
        assertThat(seen).extracting(Member::seq).isSorted();
    }

    @Test
    void aPageLeavesOutAndDoesNotCountMembersWhoExpiredButWereNotYetAnnounced() {
        SessionId ann = session();
        join(ann, "Ann");
        result(store.join(area, session(), name("Bob"), at(Duration.ofHours(1)), LIFETIMES));
        Instant annGone = at(LIFETIMES.member());

        MemberPage page = result(store.members(area, 0, annGone));

        assertThat(page.members()).extracting(Member::name).containsExactly(name("Bob"));
        assertThat(page.memberCount()).isEqualTo(1);
        assertThat(page.more()).isFalse();
        assertThat(result(store.snapshot(area, annGone)).memberCount()).isEqualTo(1);
        assertThat(result(store.members(AreaName.of("nobody-" + area.value()), 0, start)))
                .isEqualTo(new MemberPage(List.of(), 0, false));
    }

    @Test
    void aSessionKnowsWhichMemberItIs() {
        SessionId ann = session();
        Joined joined = join(ann, "Ann");

        assertThat(result(store.member(area, ann, start))).contains(joined.you());
        assertThat(result(store.member(area, session(), start))).as("a stranger").isEmpty();
        assertThat(result(store.member(AreaName.of("nobody-" + area.value()), ann, start))).isEmpty();
    }

    @Test
    void aMemberWhoLeftOrExpiredIsNoLongerOne() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        join(bob, "Bob");
        result(store.leave(area, ann, start));

        assertThat(result(store.member(area, ann, start))).isEmpty();
        assertThat(result(store.member(area, bob, start.plus(LIFETIMES.member())))).isEmpty();
    }

    @Test
    void aNameHeldByAnotherSessionIsTaken() {
        join(session(), "Ann");

        assertThatThrownBy(() -> join(session(), "Ann")).isInstanceOf(NameTakenException.class);
        assertThat(snapshot().members()).hasSize(1);
    }

    @Test
    void namesThatLookTheSameAreOneNameAndTheRefusalNamesWhoHoldsIt() {
        join(session(), "Ann");

        for (String lookalike : List.of("ann", "ANN", "\u0410nn", "\uFF21\uFF4E\uFF4E", "An\u200Dn")) {
            assertThatThrownBy(() -> join(session(), lookalike)).as(lookalike)
                    .isInstanceOfSatisfying(NameTakenException.class, taken -> {
                        assertThat(taken.holder()).isEqualTo("Ann");
                        assertThat(taken.getMessage()).contains("\"Ann\"");
                    });
        }
        join(session(), "Anna");
        join(session(), "李雷");
        join(session(), "李磊");
        join(session(), "Zoë");
        join(session(), "Zoe");
        assertThat(snapshot().members()).extracting(m -> m.name().value())
                .containsExactly("Ann", "Anna", "李雷", "李磊", "Zoë", "Zoe");
    }

    @Test
    void aMemberMayRespellTheirOwnNameAndAFreedNameIsFreeInEverySpelling() {
        SessionId ann = session();
        join(ann, "Ann");
        RecordingListener listener = listen(area);

        Joined respelled = join(ann, "ANN");
        result(store.leave(area, ann, start));
        Joined other = join(session(), "ann");

        assertThat(respelled.you().name()).isEqualTo(name("ANN"));
        assertThat(listener.next(MemberLeft.class).name()).isEqualTo(name("Ann"));
        assertThat(listener.next(MemberJoined.class).member().name()).isEqualTo(name("ANN"));
        assertThat(other.snapshot().members()).extracting(Member::name).containsExactly(name("ann"));
    }

    @Test
    void theSameSessionMayRejoinAndKeepsItsVote() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);

        Joined again = result(store.join(area, ann, name("Ann"), at(Duration.ofMinutes(30)), LIFETIMES));

        assertThat(again.you().seq()).isEqualTo(1);
        assertThat(again.you().activeAt()).isEqualTo(at(Duration.ofMinutes(30)));
        assertThat(again.snapshot().seq()).as("a rejoin changes nothing others see").isEqualTo(2);
        assertThat(again.snapshot().voteOf(name("Ann"))).map(v -> v.venue().id()).contains(TRATTORIA.id());
    }

    @Test
    void rejoiningUnderAnotherNameGivesUpTheFirst() {
        SessionId ann = session();
        join(ann, "Ann");
        RecordingListener listener = listen(area);

        Joined renamed = join(ann, "Anna");

        assertThat(listener.next(MemberLeft.class).name()).isEqualTo(name("Ann"));
        assertThat(listener.next(MemberJoined.class).member().name()).isEqualTo(name("Anna"));
        assertThat(renamed.snapshot().members()).extracting(Member::name).containsExactly(name("Anna"));
        assertThat(join(session(), "Ann").you().name()).as("the old name is free").isEqualTo(name("Ann"));
    }

    @Test
    void onlyAMemberMayVote() {
        assertThatThrownBy(() -> vote(session(), TRATTORIA)).isInstanceOf(NotJoinedException.class);
        join(session(), "Ann");
        assertThatThrownBy(() -> vote(session(), TRATTORIA)).isInstanceOf(NotJoinedException.class);
        assertThat(snapshot().votes()).isEmpty();
    }

    @Test
    void aVoteIsRecordedAndAnnounced() {
        SessionId ann = session();
        join(ann, "Ann");
        RecordingListener listener = listen(area);

        Vote vote = vote(ann, TRATTORIA);

        assertThat(vote.voter()).isEqualTo(name("Ann"));
        assertThat(vote.venue()).isEqualTo(TRATTORIA);
        assertThat(vote.seq()).isEqualTo(2);
        assertThat(vote.castAt()).isEqualTo(start);
        assertThat(vote.expiresAt()).isEqualTo(start.plus(LIFETIMES.vote()));
        VoteCast event = listener.next(VoteCast.class);
        assertThat(event.vote()).isEqualTo(vote);
        assertThat(event.seq()).isEqualTo(2);
        assertThat(snapshot().votes()).containsExactly(vote);
    }

    @Test
    void aSecondVoteMovesTheFirst() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);

        Vote moved = vote(ann, NOODLES);

        VoteMoved event = listener.next(VoteMoved.class);
        assertThat(event.from()).isEqualTo(TRATTORIA.id());
        assertThat(event.vote()).isEqualTo(moved);
        assertThat(event.seq()).isEqualTo(3);
        AreaSnapshot snapshot = snapshot();
        assertThat(snapshot.votes()).containsExactly(moved);
        assertThat(snapshot.tally().votesFor(NOODLES.id())).isEqualTo(1);
        assertThat(snapshot.tally().votesFor(TRATTORIA.id())).isZero();
    }

    @Test
    void votingAgainForTheSameVenueChangesNothing() {
        SessionId ann = session();
        join(ann, "Ann");
        Vote first = vote(ann, TRATTORIA);

        Vote again = vote(ann, TRATTORIA);

        assertThat(again).isEqualTo(first);
        assertThat(snapshot().seq()).isEqualTo(2);
    }

    @Test
    void aMemberMayRetract() {
        SessionId ann = session();
        join(ann, "Ann");
        Vote vote = vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);

        Optional<Vote> retracted = result(store.retract(area, ann, start, LIFETIMES));

        assertThat(retracted).contains(vote);
        VoteRetracted event = listener.next(VoteRetracted.class);
        assertThat(event.voter()).isEqualTo(name("Ann"));
        assertThat(event.venue()).isEqualTo(TRATTORIA.id());
        assertThat(event.seq()).isEqualTo(3);
        assertThat(snapshot().votes()).isEmpty();
    }

    @Test
    void retractingWithoutAVoteChangesNothing() {
        SessionId ann = session();
        join(ann, "Ann");

        assertThat(result(store.retract(area, ann, start, LIFETIMES))).isEmpty();
        assertThat(snapshot().seq()).isEqualTo(1);
    }

    @Test
    void onlyAMemberMayRetractAndANonMemberLeavingChangesNothing() {
        join(session(), "Ann");
        SessionId stranger = session();
        long before = snapshot().seq();

        assertThatThrownBy(() -> result(store.retract(area, stranger, start, LIFETIMES)))
                .isInstanceOf(NotJoinedException.class);
        assertThat(result(store.leave(area, stranger, start))).isEmpty();
        assertThat(result(store.leave(AreaName.of("nobody-here"), stranger, start))).isEmpty();
        assertThat(snapshot().seq()).isEqualTo(before);
    }

    @Test
    void leavingRemovesTheMemberButTheVoteCountsOn() {
        SessionId ann = session();
        join(ann, "Ann");
        join(session(), "Bob");
        vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);

        MemberLeft answered = result(store.leave(area, ann, start)).orElseThrow();

        MemberLeft event = listener.next(MemberLeft.class);
        assertThat(event.name()).isEqualTo(name("Ann"));
        assertThat(event.seq()).isEqualTo(4);
        assertThat(answered).as("the leaver is answered the event everyone hears").isEqualTo(event);
        AreaSnapshot snapshot = snapshot();
        assertThat(snapshot.members()).extracting(Member::name).containsExactly(name("Bob"));
        assertThat(snapshot.tally().votesFor(TRATTORIA.id())).isEqualTo(1);
        assertThatThrownBy(() -> vote(ann, NOODLES)).isInstanceOf(NotJoinedException.class);
        assertThat(result(store.leave(area, ann, start))).as("leaving again, as a retry does").isEmpty();
    }

    @Test
    void leavingIfIdleLeavesAMemberNotActiveSince() {
        SessionId ann = session();
        join(ann, "Ann");
        RecordingListener listener = listen(area);

        Optional<MemberLeft> left = result(store.leaveIfIdle(area, ann, start.plusSeconds(1), start.plusSeconds(10)));

        assertThat(left).map(MemberLeft::name).contains(name("Ann"));
        assertThat(listener.next(MemberLeft.class)).isEqualTo(left.orElseThrow());
        assertThat(result(store.member(area, ann, start.plusSeconds(10)))).isEmpty();
    }

    @Test
    void leavingIfIdleKeepsAMemberActiveSince() {
        SessionId ann = session();
        join(ann, "Ann");
        result(store.join(area, ann, name("Ann"), start.plusSeconds(5), LIFETIMES)); // back, through another node

        Optional<MemberLeft> left = result(store.leaveIfIdle(area, ann, start.plusSeconds(1), start.plusSeconds(10)));

        assertThat(left).isEmpty();
        assertThat(result(store.member(area, ann, start.plusSeconds(10)))).isPresent();
        assertThat(result(store.leaveIfIdle(area, session(), start, start.plusSeconds(10)))).as("no member").isEmpty();
    }

    @Test
    void aLeftNameIsFreeForAnotherSession() {
        SessionId ann = session();
        join(ann, "Ann");
        result(store.leave(area, ann, start));

        assertThat(join(session(), "Ann").you().seq()).isEqualTo(3);
    }

    @Test
    void votesExpireAfterTheirLifetime() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        Instant justBefore = start.plus(LIFETIMES.vote()).minusMillis(1);

        assertThat(result(store.snapshot(area, justBefore)).votes()).hasSize(1);
        AreaSnapshot after = result(store.snapshot(area, start.plus(LIFETIMES.vote())));
        assertThat(after.votes()).isEmpty();
        assertThat(after.tally().ranking()).isEmpty();
        assertThat(after.members()).as("the member lives longer than the vote").hasSize(1);
    }

    @Test
    void membersExpireFourHoursAfterTheirLastActivity() {
        SessionId ann = session();
        join(ann, "Ann");
        Instant active = at(Duration.ofHours(1));
        result(store.vote(area, ann, TRATTORIA, active, LIFETIMES));

        Instant justBefore = active.plus(LIFETIMES.member()).minusMillis(1);
        AreaSnapshot stillThere = result(store.snapshot(area, justBefore));
        assertThat(stillThere.members()).extracting(Member::expiresAt).containsExactly(active.plus(LIFETIMES.member()));
        Instant expired = active.plus(LIFETIMES.member());
        assertThat(result(store.snapshot(area, expired)).members()).isEmpty();
        assertThatThrownBy(() -> result(store.vote(area, ann, NOODLES, expired, LIFETIMES)))
                .isInstanceOf(NotJoinedException.class);
        assertThat(result(store.join(area, session(), name("Ann"), expired, LIFETIMES)).you().name())
                .as("an expired member's name is free").isEqualTo(name("Ann"));
    }

    @Test
    void aHalfExpiredAreaStillGivesASnapshot() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        join(bob, "Bob");
        vote(ann, TRATTORIA);
        Instant later = at(Duration.ofHours(1));
        result(store.vote(area, bob, NOODLES, later, LIFETIMES));

        AreaSnapshot snapshot = result(store.snapshot(area, start.plus(LIFETIMES.vote())));

        assertThat(snapshot.votes()).extracting(Vote::voter).containsExactly(name("Bob"));
        assertThat(snapshot.tally().ranking()).extracting(e -> e.venue().id()).containsExactly(NOODLES.id());
    }

    @Test
    void aChangeAnnouncesWhatExpiredBeforeItsOwnEvents() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        result(store.join(area, bob, name("Bob"), at(Duration.ofHours(1)), LIFETIMES));
        RecordingListener listener = listen(area);
        Instant later = start.plus(LIFETIMES.vote());

        Vote bobs = result(store.vote(area, bob, NOODLES, later, LIFETIMES));

        VoteExpired expired = listener.next(VoteExpired.class);
        assertThat(expired.voter()).isEqualTo(name("Ann"));
        assertThat(expired.venue()).isEqualTo(TRATTORIA.id());
        assertThat(expired.seq()).isEqualTo(4);
        assertThat(expired.at()).as("the time of the change that noticed it").isEqualTo(later);
        assertThat(listener.next(VoteCast.class).seq()).isEqualTo(5);
        assertThat(bobs.seq()).isEqualTo(5);
        assertThat(result(store.snapshot(area, later)).seq()).isEqualTo(5);
    }

    @Test
    void joiningUnderTheNameOfAnExpiredMemberAnnouncesTheExpiryFirst() {
        join(session(), "Ann");
        RecordingListener listener = listen(area);
        Instant expired = start.plus(LIFETIMES.member());

        Joined newAnn = result(store.join(area, session(), name("Ann"), expired, LIFETIMES));

        MemberExpired gone = listener.next(MemberExpired.class);
        assertThat(gone.name()).isEqualTo(name("Ann"));
        assertThat(gone.seq()).isEqualTo(2);
        assertThat(listener.next(MemberJoined.class).seq()).isEqualTo(3);
        assertThat(newAnn.you().seq()).isEqualTo(3);
        assertThat(newAnn.snapshot().seq()).isEqualTo(3);
    }

    @Test
    void retractingAndLeavingAnnounceWhatExpiredFirst() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        join(bob, "Bob");
        RecordingListener listener = listen(area);

        result(store.retract(area, bob, at(Duration.ofHours(3)), LIFETIMES));
        assertThat(listener.next(VoteExpired.class).seq()).as("the retract found no vote but Ann's expired")
                .isEqualTo(4);
        result(store.leave(area, bob, start.plus(LIFETIMES.member())));

        assertThat(listener.next(MemberExpired.class)).extracting(MemberExpired::name, AreaEvent::seq)
                .containsExactly(name("Ann"), 5L);
        assertThat(listener.next(MemberLeft.class).seq()).isEqualTo(6);
    }

    @Test
    void aRefusedChangeAndAReadAnnounceNothing() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);
        Instant expired = start.plus(LIFETIMES.member());

        assertThatThrownBy(() -> result(store.vote(area, ann, NOODLES, expired, LIFETIMES)))
                .isInstanceOf(NotJoinedException.class);
        assertThat(result(store.leave(area, ann, expired))).isEmpty();
        AreaSnapshot snapshot = result(store.snapshot(area, expired));
        assertThat(result(store.member(area, ann, expired))).isEmpty();

        assertThat(snapshot.members()).isEmpty();
        assertThat(snapshot.votes()).isEmpty();
        assertThat(snapshot.seq()).as("nothing was announced yet").isEqualTo(2);
        listener.assertNothingWithin(quietPeriod());
    }

    @Test
    void expiringAnnouncesWhatExpiredAndAnswersWhenTheNextExpiryIs() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        Instant bobJoined = at(Duration.ofHours(1));
        result(store.join(area, session(), name("Bob"), bobJoined, LIFETIMES));
        RecordingListener listener = listen(area);
        Instant voteGone = start.plus(LIFETIMES.vote());

        Optional<Instant> next = result(store.expire(area, voteGone));

        VoteExpired expired = listener.next(VoteExpired.class);
        assertThat(expired).extracting(VoteExpired::voter, VoteExpired::venue, AreaEvent::seq, AreaEvent::at)
                .containsExactly(name("Ann"), TRATTORIA.id(), 4L, voteGone);
        assertThat(next).as("Ann, four hours after she joined").contains(start.plus(LIFETIMES.member()));
        assertThat(result(store.snapshot(area, voteGone)).seq()).isEqualTo(4);
    }

    @Test
    void expiringTwiceAnnouncesOnce() {
        join(session(), "Ann");
        RecordingListener listener = listen(area);
        Instant early = at(Duration.ofMinutes(1));

        assertThat(result(store.expire(area, early))).as("nothing expired yet").contains(start.plus(LIFETIMES.member()));
        listener.assertNothingWithin(quietPeriod());

        Instant gone = start.plus(LIFETIMES.member());
        assertThat(result(store.expire(area, gone))).isEmpty();
        assertThat(result(store.expire(area, gone))).isEmpty();

        assertThat(listener.next(MemberExpired.class).seq()).isEqualTo(2);
        listener.assertNothingWithin(quietPeriod());
    }

    @Test
    void expiringAnAreaNobodyUsedAnnouncesNothing() {
        RecordingListener listener = listen(area);

        assertThat(result(store.expire(area, start))).isEmpty();

        listener.assertNothingWithin(quietPeriod());
        assertThat(snapshot().seq()).isZero();
    }

    @Test
    void expiriesAreAnnouncedInTheOrderTheyHappened() {
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        Instant halfAnHour = at(Duration.ofMinutes(30));
        result(store.join(area, bob, name("Bob"), halfAnHour, LIFETIMES));
        result(store.vote(area, bob, NOODLES, halfAnHour, LIFETIMES));
        RecordingListener listener = listen(area);

        result(store.expire(area, at(Duration.ofHours(5))));

        assertThat(listener.next(4)).extracting(e -> e.getClass().getSimpleName(), AreaEvent::seq).containsExactly(
                tuple("VoteExpired", 5L), tuple("VoteExpired", 6L), tuple("MemberExpired", 7L), tuple("MemberExpired", 8L));
    }

    @Test
    void anAreaWhoseLastMemberAndVoteExpireIsAnnouncedThenForgottenAndStartsAgain() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);
        Instant muchLater = start.plus(LIFETIMES.member()).plus(Duration.ofMinutes(1));

        assertThat(result(store.expire(area, muchLater))).isEmpty();

        assertThat(listener.next(2)).extracting(e -> e.getClass().getSimpleName(), AreaEvent::seq)
                .containsExactly(tuple("VoteExpired", 3L), tuple("MemberExpired", 4L));
        assertThat(result(store.snapshot(area, muchLater)).seq()).as("forgotten").isZero();
        Joined fresh = result(store.join(area, session(), name("Bob"), muchLater, LIFETIMES));
        assertThat(fresh.snapshot().members()).extracting(Member::name).containsExactly(name("Bob"));
        assertThat(fresh.snapshot().votes()).isEmpty();
        assertThat(fresh.you().seq()).isEqualTo(1);
    }

    @Test
    void anAreaWhereEverythingExpiredButNobodyForgotItGoesOnNumbering() {
        SessionId ann = session();
        join(ann, "Ann");
        vote(ann, TRATTORIA);
        RecordingListener listener = listen(area);
        Instant muchLater = start.plus(LIFETIMES.member()).plus(Duration.ofMinutes(1));

        Joined bob = result(store.join(area, session(), name("Bob"), muchLater, LIFETIMES));

        assertThat(listener.next(3)).extracting(e -> e.getClass().getSimpleName(), AreaEvent::seq).containsExactly(
                tuple("VoteExpired", 3L), tuple("MemberExpired", 4L), tuple("MemberJoined", 5L));
        assertThat(bob.snapshot().members()).extracting(Member::name).containsExactly(name("Bob"));
        assertThat(bob.snapshot().votes()).isEmpty();
    }

    @Test
    void concurrentExpiriesAnnounceEachExpiryOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            SessionId who = session();
            join(who, "Voter " + i);
            vote(who, TRATTORIA);
        }
        RecordingListener listener = listen(area);
        Instant votesGone = start.plus(LIFETIMES.vote());
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Callable<Optional<Instant>>> checks = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                checks.add(() -> result(store.expire(area, votesGone)));
            }
            for (Future<Optional<Instant>> answer : pool.invokeAll(checks)) {
                assertThat(answer.get()).contains(start.plus(LIFETIMES.member()));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(listener.next(4)).extracting(AreaEvent::seq).containsExactly(9L, 10L, 11L, 12L);
        listener.assertNothingWithin(quietPeriod());
        assertThat(result(store.snapshot(area, votesGone)).seq()).isEqualTo(12);
    }

    @Test
    void everyChangeAdvancesTheSequenceByOne() {
        RecordingListener listener = listen(area);
        SessionId ann = session();
        SessionId bob = session();
        join(ann, "Ann");
        join(bob, "Bob");
        vote(ann, TRATTORIA);
        vote(bob, TRATTORIA);
        vote(ann, NOODLES);
        result(store.retract(area, bob, start, LIFETIMES));
        result(store.leave(area, bob, start));

        List<AreaEvent> events = listener.next(7);

        assertThat(events).extracting(AreaEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "MemberJoined", "MemberJoined", "VoteCast", "VoteCast", "VoteMoved", "VoteRetracted", "MemberLeft");
        assertThat(snapshot().seq()).isEqualTo(7);
    }

    @Test
    void areasAreIndependent() {
        AreaName other = AreaName.of(area.value() + "-other");
        RecordingListener here = listen(area);
        RecordingListener there = listen(other);
        SessionId ann = session();

        join(ann, "Ann");
        result(store.join(other, ann, name("Ann"), start, LIFETIMES));
        vote(ann, TRATTORIA);

        assertThat(here.next(2)).extracting(AreaEvent::seq).containsExactly(1L, 2L);
        assertThat(there.next(MemberJoined.class).seq()).isEqualTo(1);
        there.assertNothingWithin(quietPeriod());
        assertThat(result(store.snapshot(other, start)).votes()).isEmpty();
    }

    @Test
    void theTallyRanksByVotesThenByWhoReachedItsCountFirst() {
        SessionId ann = session();
        SessionId bob = session();
        SessionId carol = session();
        SessionId dave = session();
        join(ann, "Ann");
        join(bob, "Bob");
        join(carol, "Carol");
        join(dave, "Dave");
        vote(ann, NOODLES);
        vote(bob, TRATTORIA);
        vote(carol, TRATTORIA);
        vote(dave, NOODLES);

        assertThat(snapshot().tally().ranking())
                .extracting(e -> e.venue().id(), TallyEntry::votes)
                .containsExactly(
                        tuple(TRATTORIA.id(), 2),
                        tuple(NOODLES.id(), 2));
    }

    @Test
    void namesAreDataAndNeverCollide() {
        List<String> tricky = List.of("bob", "bob:vote", "bob:votes", "{bob}", "b{o}b", "bob bob", "🍕 bob", "李雷",
                "<b>bob</b>", "bob\"'", "*", "members", "seq");
        List<Venue> venues = List.of(TRATTORIA, NOODLES, TACOS);
        for (int i = 0; i < tricky.size(); i++) {
            SessionId who = session();
            join(who, tricky.get(i));
            vote(who, venues.get(i % venues.size()));
        }

        AreaSnapshot snapshot = snapshot();

        assertThat(snapshot.members()).extracting(m -> m.name().value()).containsExactlyElementsOf(tricky);
        assertThat(snapshot.votes()).hasSize(tricky.size());
        for (int i = 0; i < tricky.size(); i++) {
            assertThat(snapshot.voteOf(name(tricky.get(i)))).map(v -> v.venue().id())
                    .contains(venues.get(i % venues.size()).id());
        }
    }

    @Test
    void aVenueKeepsEveryDetailItWasVotedWith() {
        SessionId ann = session();
        join(ann, "Ann");
        Venue detailed = Venue.custom("Zoë's <Kitchen> & Bar")
                .withAddress("1 Rue de l'Église")
                .withCategory("French")
                .withLocation(new Coordinates(48.8566, 2.3522))
                .withUrl("https://example.org/zoe?x=1&y=2");

        vote(ann, detailed);

        assertThat(snapshot().votes()).extracting(Vote::venue).containsExactly(detailed);
    }

    @Test
    void concurrentJoinsUnderOneNameAdmitExactlyOne() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                SessionId who = session();
                attempts.add(() -> {
                    try {
                        join(who, "Popular");
                        return true;
                    } catch (NameTakenException taken) {
                        return false;
                    }
                });
            }
            int admitted = 0;
            for (Future<Boolean> outcome : pool.invokeAll(attempts)) {
                admitted += outcome.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(1);
            assertThat(snapshot().members()).extracting(Member::name).containsExactly(name("Popular"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentVotesEachGetTheirOwnSequenceNumber() throws Exception {
        int voters = 8;
        List<SessionId> sessions = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            SessionId who = session();
            join(who, "Voter " + i);
            sessions.add(who);
        }
        ExecutorService pool = Executors.newFixedThreadPool(voters);
        try {
            List<Callable<Vote>> votes = new ArrayList<>();
            for (SessionId who : sessions) {
                votes.add(() -> vote(who, TRATTORIA));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Vote> vote : pool.invokeAll(votes)) {
                seqs.add(vote.get().seq());
            }
            assertThat(seqs).doesNotHaveDuplicates().allMatch(seq -> seq > voters && seq <= 2L * voters);
            assertThat(snapshot().tally().votesFor(TRATTORIA.id())).isEqualTo(voters);
        } finally {
            pool.shutdownNow();
        }
    }
}
