package com.wheretoeat.core.service;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.port.Clock;
import com.wheretoeat.core.port.Scheduler;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Makes expiry live in the areas this node follows: while an area has a subscription here, one
 * timer waits for the earliest expiry known and then asks the store to announce what expired.
 * What it knows comes from the store's answer (asked when the first subscription starts, after
 * each check, and after delivery was interrupted) and from the expiries carried by the events it
 * sees. A member who stayed active moved their expiry without an event: the check then finds
 * nothing and answers the new time. A check that fails is tried again after 1 s, doubling up to
 * 30 s. Every node following an area checks it; the store announces each expiry once.
 */
final class ExpiryWatch {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Function<AreaName, CompletionStage<Optional<Instant>>> expire;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<AreaName, Watched> areas = new ConcurrentHashMap<>();

    /** {@code expire} announces an area's expiries now and answers the next one; it must not block. */
    ExpiryWatch(Function<AreaName, CompletionStage<Optional<Instant>>> expire, Clock clock, Scheduler scheduler) {
        this.expire = expire;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Watches {@code area} while {@code subscription} is open; closing the answer closes it too. */
    Subscription follow(AreaName area, Subscription subscription) {
        boolean[] first = new boolean[1];
        Watched watched = areas.compute(area, (a, existing) -> {
            Watched w = existing == null ? new Watched(a) : existing;
            first[0] = existing == null;
            w.followers++;
            return w;
        });
        if (first[0]) {
            // On the scheduler, not here: the caller is completing a subscription and must not wait for the store.
            watched.lower(clock.now());
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                subscription.close();
                areas.computeIfPresent(area, (a, w) -> {
                    if (--w.followers > 0) {
                        return w;
                    }
                    w.stop();
                    return null;
                });
            }
        };
    }

    /** Learns the expiries an event carries; called for every event a local subscription receives. */
    void saw(AreaEvent event) {
        Instant expires;
        if (event instanceof AreaEvent.MemberJoined joined) {
            expires = joined.member().expiresAt();
        } else if (event instanceof AreaEvent.VoteCast cast) {
            expires = cast.vote().expiresAt();
        } else if (event instanceof AreaEvent.VoteMoved moved) {
            expires = moved.vote().expiresAt();
        } else if (event instanceof AreaEvent.DeadlineSet set && set.deadline() != null) {
            expires = set.deadline(); // the round decides itself then: a check then settles it
        } else if (event instanceof AreaEvent.PresenceBatch batch && !batch.joined().isEmpty()) {
            // A batch names who joined, not when they expire: check now, which answers the next expiry.
            expires = batch.at();
        } else {
            return;
        }
        Watched watched = areas.get(event.area());
        if (watched != null) {
            watched.lower(expires);
        }
    }

    /** Delivery was interrupted: events that would have told of earlier expiries may be lost, so check now. */
    void resumed(AreaName area) {
        Watched watched = areas.get(area);
        if (watched != null) {
            watched.lower(clock.now());
        }
    }

    /** How many areas are watched, for tests. */
    int watchedAreas() {
        return areas.size();
    }

    /** One followed area: its timer and the check in flight. */
    private final class Watched {
        final AreaName area;
        /** Guarded by the map's compute for the key. */
        int followers;
        // The rest guarded by this.
        private Scheduler.Timer timer;
        private Instant due;
        private boolean checking;
        private boolean checkAgain;
        private Duration retry = FIRST_RETRY;
        private boolean stopped;

        Watched(AreaName area) {
            this.area = area;
        }

        /** Makes the timer fire by {@code at}; a later time than the one set changes nothing. */
        synchronized void lower(Instant at) {
            if (stopped || (timer != null && !at.isBefore(due))) {
                return;
            }
            if (timer != null) {
                timer.cancel();
            }
            due = at;
            timer = scheduler.schedule(at, this::fire);
        }

        synchronized void stop() {
            stopped = true;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        private void fire() {
            synchronized (this) {
                timer = null;
                due = null;
                if (stopped) {
                    return;
                }
                if (checking) {
                    // The answer on its way may predate what made this timer fire: check once more after it.
                    checkAgain = true;
                    return;
                }
                checking = true;
            }
            check();
        }

        private void check() {
            CompletionStage<Optional<Instant>> answer;
            try {
                answer = expire.apply(area);
            } catch (RuntimeException e) {
                checked(null, e);
                return;
            }
            answer.whenComplete(this::checked);
        }

        private void checked(Optional<Instant> next, Throwable error) {
            boolean again;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                again = checkAgain;
                checkAgain = false;
                checking = again;
                if (error != null) {
                    Instant later = clock.now().plus(retry);
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    if (!again) {
                        lower(later);
                    }
                } else {
                    retry = FIRST_RETRY;
                    next.ifPresent(this::lower);
                }
            }
            if (again) {
                check();
            }
        }
    }
}
