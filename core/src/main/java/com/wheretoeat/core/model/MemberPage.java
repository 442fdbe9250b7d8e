package com.wheretoeat.core.model;

import java.util.Comparator;
import java.util.List;

/**
 * A page of an area's live members in order of joining, after a given member's sequence number:
 * at most {@link AreaSnapshot#MEMBER_PAGE}, with the count of all members and whether more follow.
 * The next page starts after the last member's {@code seq}; members who join meanwhile come at the
 * end, so paging on never skips or repeats someone who stays.
 */
public record MemberPage(List<Member> members, int memberCount, boolean more) {
    public MemberPage {
        members = members.stream().sorted(Comparator.comparingLong(Member::seq)).toList();
        if (members.size() > AreaSnapshot.MEMBER_PAGE) {
            throw new IllegalArgumentException("A page holds at most " + AreaSnapshot.MEMBER_PAGE + " members, not " + members.size());
        }
    }
}
