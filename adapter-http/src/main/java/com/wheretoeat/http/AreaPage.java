package com.wheretoeat.http;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.VenueResults;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model of the area page: plain strings, lists and flags, so the template needs no logic
 * and a test can read what a person will see.
 */
final class AreaPage {
    /** The page cannot know the reader's time zone; the live script shows local time instead. */
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AreaPage() {}

    /**
     * {@code you} is the visitor's membership: with it, {@code member} is true, {@code you} holds
     * the name, and the visitor's own line in {@code members} and {@code votes} has {@code you}
     * true; without it, {@code member} is false (the page offers to join instead).
     *
     * <p>{@code members} are the snapshot's first page, or {@code later}, a page further on, when the
     * visitor followed the link to it; {@code memberCount} counts them all, and when more follow,
     * {@code more} is true with {@code moreText} ("and 150 more"; on a later page the page cannot
     * know how many are left, so "and more") and {@code nextHref}, the link to the next page.
     *
     * <p>The round: {@code deadline} when it has one and {@code decision}, the latest, when there is one
     * (see {@link RoundWords}), and {@code history}, the area's decisions newest first. A vote whose
     * voter is known to have left (the snapshot holds every member, and not them) has {@code left}
     * true: it counts on until it expires.
     */
    static Map<String, Object> model(AreaSnapshot snapshot, Optional<MemberPage> later, VenueResults found,
            Optional<Member> you, List<Decision> history, String search, String csrf, String wsUrl,
            HttpSettings settings) {
        Instant now = settings.clock().now();
        List<Venue> venues = found.venues();
        Optional<Username> yourName = you.map(Member::name);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", snapshot.area().value() + " · Where to Eat");
        model.put("area", snapshot.area().value());
        model.put("seq", snapshot.seq());
        model.put("wsUrl", wsUrl);
        model.put("csrf", csrf);
        model.put("search", search);
        model.put("member", you.isPresent());
        yourName.ifPresent(name -> model.put("you", name.value()));
        List<Member> members = later.map(MemberPage::members).orElse(snapshot.members());
        model.put("members", members.stream()
                .map(member -> Map.of("name", member.name().value(), "you", yourName.equals(Optional.of(member.name()))))
                .toList());
        model.put("hasMembers", !members.isEmpty());
        model.put("memberCount", snapshot.memberCount());
        model.put("laterPage", later.isPresent());
        // Unreadable entries count but are not listed (docs/redis.md): no "more" after an empty page.
        boolean more = later.map(MemberPage::more).orElse(snapshot.hasMoreMembers()) && !members.isEmpty();
        model.put("more", more);
        if (more) {
            model.put("moreText", later.isPresent() ? "and more" : "and " + (snapshot.memberCount() - members.size()) + " more");
            model.put("nextHref", pagePath(snapshot.area(), search, members.get(members.size() - 1).seq()));
        }
        model.put("firstHref", pagePath(snapshot.area(), search, 0));
        // Only a list of everyone can tell who is gone; in a big area a voter not shown may be there.
        Set<Username> here = snapshot.members().stream().map(Member::name).collect(Collectors.toSet());
        boolean holdsEveryone = !snapshot.hasMoreMembers();
        model.put("votes", snapshot.votes().stream()
                .map(vote -> Map.of("voter", vote.voter().value(), "venue", vote.venue().name(),
                        "you", yourName.equals(Optional.of(vote.voter())),
                        "left", holdsEveryone && !here.contains(vote.voter()),
                        "expiresAt", vote.expiresAt().toString(), "until", UNTIL.format(vote.expiresAt())))
                .toList());
        Optional<VenueId> yourVenue = yourName.flatMap(name -> snapshot.votes().stream()
                .filter(vote -> vote.voter().equals(name)).map(vote -> vote.venue().id()).findFirst());
        model.put("ranking", ranking(snapshot.tally().ranking(), yourVenue));
        model.put("hasVotes", !snapshot.tally().ranking().isEmpty());
        model.put("roundNumber", snapshot.round().number());
        Map<String, Object> deadline = RoundWords.deadline(snapshot.round(), now);
        if (deadline != null) {
            model.put("deadline", deadline);
        }
        if (snapshot.round().latest() != null) {
            model.put("decision", RoundWords.decision(snapshot.round().latest(), now));
        }
        model.put("canBreakTie", you.isPresent() && snapshot.round().latest() != null && snapshot.round().latest().breakable());
        model.put("history", history.stream().map(decision -> RoundWords.decision(decision, now)).toList());
        model.put("hasHistory", !history.isEmpty());
        model.put("venues", venues.stream().map(venue -> venue(venue, yourVenue)).toList());
        model.put("hasVenues", !venues.isEmpty());
        model.put("liveUnavailable", found.liveUnavailable());
        model.put("map", map(found.centre(), settings));
        return model;
    }

    /** The area page's address with the search kept and, past the first page, the members after {@code after}. */
    private static String pagePath(AreaName area, String search, long after) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (!search.isEmpty()) {
            query.add("q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
        }
        if (after > 0) {
            query.add("after=" + after);
        }
        return Pages.areaPath(area) + query;
    }

    /**
     * What the map's script needs beside the lists: the tiles (none when {@code tiles} is absent),
     * their attribution in pieces of text and links, and the area's centre if it has one.
     */
    private static Map<String, Object> map(Optional<Coordinates> centre, HttpSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        settings.mapTileUrl().ifPresent(url -> map.put("tiles", url));
        map.put("attribution", MapTiles.attribution(settings.mapAttribution()).stream().map(part -> {
            Map<String, Object> piece = new LinkedHashMap<>();
            piece.put("text", part.text());
            if (part.href() != null) {
                piece.put("href", part.href());
            }
            return piece;
        }).toList());
        centre.ifPresent(point -> {
            map.put("centreLat", Double.toString(point.latitude()));
            map.put("centreLon", Double.toString(point.longitude()));
        });
        return map;
    }

    /** The place's position for the map, as {@code lat} and {@code lon}; nothing for a place without one. */
    private static void putLocation(Map<String, Object> line, Venue venue) {
        if (venue.location() != null) {
            line.put("lat", Double.toString(venue.location().latitude()));
            line.put("lon", Double.toString(venue.location().longitude()));
        }
    }

    /**
     * The ranking as a person reads it: a bar against the top count, the leader marked only when
     * it leads alone, every line of a shared top count marked as tied, and your own vote's line.
     */
    private static List<Map<String, Object>> ranking(List<TallyEntry> entries, Optional<VenueId> yours) {
        int top = entries.isEmpty() ? 0 : entries.get(0).votes();
        long atTop = entries.stream().filter(entry -> entry.votes() == top).count();
        List<Map<String, Object>> ranking = new ArrayList<>();
        for (TallyEntry entry : entries) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("place", ranking.size() + 1);
            line.put("id", entry.venue().id().value());
            line.put("name", entry.venue().name());
            line.put("votes", entry.votes());
            line.put("count", entry.votes() == 1 ? "1 vote" : entry.votes() + " votes");
            line.put("max", top);
            line.put("voters", entry.voters().stream().map(Username::value).collect(Collectors.joining(", ")));
            line.put("leader", atTop == 1 && entry.votes() == top);
            line.put("tied", atTop > 1 && entry.votes() == top);
            line.put("yours", yours.equals(Optional.of(entry.venue().id())));
            putLocation(line, entry.venue());
            ranking.add(line);
        }
        return ranking;
    }

    private static Map<String, Object> venue(Venue venue, Optional<VenueId> yours) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", venue.id().value());
        line.put("name", venue.name());
        line.put("yours", yours.equals(Optional.of(venue.id())));
        String details = Stream.of(venue.category(), venue.address())
                .filter(Objects::nonNull).collect(Collectors.joining(" · "));
        if (!details.isEmpty()) {
            line.put("details", details);
        }
        putLocation(line, venue);
        return line;
    }
}
