package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent.MemberJoined;
import com.wheretoeat.core.model.AreaEvent.MemberLeft;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Vote;
import org.junit.jupiter.api.Test;

class JoiningAnAreaTest {
    private final Lunch lunch = new Lunch();

    @Test
    void joiningRecordsTheMemberAndTellsEveryoneWatching() {
        RecordingListener watcher = lunch.watch();

        Joined joined = lunch.joined("Ann").join();

        assertThat(lunch.snapshot().members()).extracting(Member::name).containsExactly(Username.of("Ann"));
        assertThat(watcher.next(MemberJoined.class).member().name()).isEqualTo(joined.you().name());
    }

    @Test
    void aJoinerReceivesEveryCurrentVoteWithoutAskingAgain() {
        lunch.joined("Ann").voteFor(TRATTORIA);
        lunch.joined("Bob").voteFor(NOODLES);

        Joined carol = lunch.person("Carol").join();

        assertThat(carol.snapshot().votes()).extracting(Vote::voter)
                .containsExactly(Username.of("Ann"), Username.of("Bob"));
        assertThat(carol.snapshot().tally().ranking()).hasSize(2);
    }

    @Test
    void aSessionCanAskWhoItIsInAnArea() {
        Person ann = lunch.joined("Ann");
        Person stranger = lunch.person("Stranger");

        assertThat(result(lunch.app.membership(ann.session, lunch.office))).map(Member::name).contains(ann.name);
        assertThat(result(lunch.app.membership(stranger.session, lunch.office))).isEmpty();
    }

    @Test
    void aNameIsHeldByOneSessionAtATime() {
        lunch.joined("Ann");

        assertThatThrownBy(() -> lunch.person("Ann").join())
                .isInstanceOf(NameTakenException.class)
                .satisfies(e -> assertThat(((NameTakenException) e).code()).isEqualTo(ErrorCode.NAME_TAKEN))
                .hasMessageContaining("\"Ann\" is already taken");
    }

    @Test
    void aReconnectingSessionKeepsItsNameAndItsVote() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);

        Joined again = ann.join();

        assertThat(again.snapshot().voteOf(ann.name)).map(Vote::venue).contains(TRATTORIA);
        assertThat(again.snapshot().members()).hasSize(1);
    }

    @Test
    void leavingRemovesTheMemberAndFreesTheName() {
        Person ann = lunch.joined("Ann");
        RecordingListener watcher = lunch.watch();

        ann.leave();

        assertThat(watcher.next(MemberLeft.class).name()).isEqualTo(ann.name);
        assertThat(lunch.snapshot().members()).isEmpty();
        assertThat(lunch.person("Ann").join().you().name()).isEqualTo(ann.name);
    }

    @Test
    void nobodyCanActAsSomeoneElse() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);
        Person impostor = lunch.person("Ann");

        assertThatThrownBy(() -> impostor.voteFor(NOODLES)).isInstanceOf(NotJoinedException.class);
        assertThatThrownBy(impostor::retract).isInstanceOf(NotJoinedException.class);
        impostor.leave(); // leaves nobody: the impostor is no member
        assertThat(lunch.snapshot().voteOf(ann.name)).map(Vote::venue).contains(TRATTORIA);
        assertThat(lunch.snapshot().members()).extracting(member -> member.name()).containsExactly(ann.name);
    }

    @Test
    void oneSessionMayBeInSeveralAreasAtOnce() {
        Person ann = lunch.joined("Ann");
        Person annUpstairs = ann.in(com.wheretoeat.core.model.AreaName.of("office-4f"));

        annUpstairs.join();
        ann.voteFor(TRATTORIA);
        annUpstairs.voteFor(NOODLES);

        assertThat(lunch.snapshot().voteOf(ann.name)).map(Vote::venue).contains(TRATTORIA);
    }
}
