package com.wheretoeat.app;

import com.wheretoeat.core.AreaFollower;
import com.wheretoeat.core.Presence;
import com.wheretoeat.core.WhereToEat;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.model.VenueResults;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaListener;
import com.wheretoeat.core.port.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The core as both servers see it, counting every vote this node records ({@code wte_votes_total}),
 * whichever side it came through: the live WebSocket path has no metrics of its own.
 */
final class CountedVotes implements WhereToEat {
    private final WhereToEat core;
    private final Counter votes;

    CountedVotes(WhereToEat core, MeterRegistry registry) {
        this.core = core;
        this.votes = Counter.builder("wte.votes").description("Votes cast or moved on this node, live or over HTTP")
                .register(registry);
    }

    @Override
    public CompletionStage<Vote> vote(SessionId session, AreaName area, Venue venue) {
        return counted(core.vote(session, area, venue));
    }

    @Override
    public CompletionStage<Vote> vote(SessionId session, AreaName area, VenueId venue) {
        return counted(core.vote(session, area, venue));
    }

    private CompletionStage<Vote> counted(CompletionStage<Vote> cast) {
        return cast.whenComplete((vote, error) -> {
            if (error == null) {
                votes.increment();
            }
        });
    }

    @Override
    public CompletionStage<SessionId> startSession() {
        return core.startSession();
    }

    @Override
    public CompletionStage<SessionId> startSession(String client) {
        return core.startSession(client);
    }

    @Override
    public CompletionStage<Optional<SessionId>> resumeSession(String token) {
        return core.resumeSession(token);
    }

    @Override
    public CompletionStage<Joined> join(SessionId session, AreaName area, Username name) {
        return core.join(session, area, name);
    }

    @Override
    public CompletionStage<Optional<Vote>> retract(SessionId session, AreaName area) {
        return core.retract(session, area);
    }

    @Override
    public CompletionStage<Optional<AreaEvent.MemberLeft>> leave(SessionId session, AreaName area) {
        return core.leave(session, area);
    }

    @Override
    public CompletionStage<Optional<Member>> membership(SessionId session, AreaName area) {
        return core.membership(session, area);
    }

    @Override
    public CompletionStage<AreaSnapshot> snapshot(AreaName area) {
        return core.snapshot(area);
    }

    @Override
    public CompletionStage<MemberPage> members(AreaName area, long afterSeq) {
        return core.members(area, afterSeq);
    }

    @Override
    public CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener) {
        return core.subscribe(area, listener);
    }

    @Override
    public CompletionStage<CatchUp> catchUp(AreaName area, long lastSeen) {
        return core.catchUp(area, lastSeen);
    }

    @Override
    public Presence presence() {
        return core.presence();
    }

    @Override
    public CompletionStage<Subscription> follow(AreaName area, long afterSeq, AreaFollower follower) {
        return core.follow(area, afterSeq, follower);
    }

    @Override
    public CompletionStage<VenueResults> searchVenues(AreaName area, VenueQuery query) {
        return core.searchVenues(area, query);
    }
}
