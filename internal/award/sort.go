package award

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/vanban/vanban/internal/nd30"
)

// SortVietnamese orders list alphabetically the Vietnamese way (spec §8.7),
// in place and stably: collectives first, by their full name; then persons by
// given name, then middle name(s), then family name. Letters compare with the
// CLDR "vi" collation of golang.org/x/text/collate (đ after d, ư after u,
// ơ after ô, tone marks as a secondary difference: a before à before ả before
// ã before á before ạ); consonant clusters such as "ch" or "ng" are NOT
// treated as single letters. Award lists are usually kept in input order;
// sorting is an option for the caller.
func SortVietnamese(list []Nomination) {
	col := collate.New(language.Vietnamese)
	type keyed struct {
		rank  int
		parts []string
	}
	keys := make([]keyed, len(list))
	for i := range list {
		n := &list[i]
		k := keyed{rank: 1, parts: []string{CleanText(n.Name)}}
		if n.Kind == Individual {
			k.rank = 2
			given, middle, family := SplitName(n.Name, n.GivenName)
			k.parts = []string{given, middle, family}
		} else if n.Kind != Collective {
			k.rank = 3
		}
		keys[i] = k
	}
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := keys[a], keys[b]
		if ka.rank != kb.rank {
			return ka.rank - kb.rank
		}
		for i := range ka.parts {
			if c := col.CompareString(ka.parts[i], kb.parts[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	sorted := make([]Nomination, len(list))
	for i, j := range idx {
		sorted[i] = list[j]
	}
	copy(list, sorted)
}

// SplitName splits a Vietnamese full name into given name (the last word, or
// given when it is set and ends the name), middle name(s) and family name
// (the first word).
func SplitName(full, given string) (givenName, middle, family string) {
	words := strings.Fields(CleanText(full))
	given = CleanText(given)
	if len(words) == 0 {
		return given, "", ""
	}
	if given != "" {
		gw := strings.Fields(given)
		if len(gw) <= len(words) && nd30.Key(strings.Join(words[len(words)-len(gw):], " ")) == nd30.Key(given) {
			rest := words[:len(words)-len(gw)]
			if len(rest) == 0 {
				return given, "", ""
			}
			return given, strings.Join(rest[1:], " "), rest[0]
		}
		// The given name is elsewhere in the name (family name last): the
		// remaining words form the family/middle part, in order.
		return given, "", strings.Join(words, " ")
	}
	if len(words) == 1 {
		return words[0], "", ""
	}
	return words[len(words)-1], strings.Join(words[1:len(words)-1], " "), words[0]
}
