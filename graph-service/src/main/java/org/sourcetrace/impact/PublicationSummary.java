package org.sourcetrace.impact;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A case summarised for the press (GraphQL PublicationSummary): facts only, worded here into a neutral headline,
 * regions at city level, and every string passed through the {@link Scrubber}. The case id is the key the caller
 * asked with and is returned as it is.
 */
record PublicationSummary(String caseId, String headline, String status, String leadRegion,
		PublicationFacts.Counts counts, List<Platform> platforms, List<City> cities, List<String> brands,
		List<Company> companies, List<ActionTally> actions, double valueSeized, Dates dates, boolean reachTruncated) {

	/** GB/T 2260's city-level placeholders under a municipality or a province: the province names the city. */
	private static final Set<String> PLACEHOLDER_CITIES = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

	record Platform(String name, String type, int listings) {
	}

	record City(String code, String name, String province, List<String> roles) {
	}

	record Company(String name, String role, String city) {
	}

	record ActionTally(String type, String status, int count, double valueSeized) {
	}

	record Dates(ZonedDateTime openedAt, ZonedDateTime closedAt, ZonedDateTime firstActionAt, ZonedDateTime lastActionAt) {
	}

	/** Why a city is in the summary (GraphQL PublishedCityRole). */
	enum CityRole {

		SELLERS, FACTORIES, WAREHOUSES, ACTIONS

	}

	/** The codes whose regions the summary needs: the case's, the sellers', the sites' and the actions'. */
	static List<String> regionCodes(PublicationFacts.CaseFacts facts, List<PublicationFacts.ActionGroup> actions) {
		Set<String> codes = new LinkedHashSet<>();
		if (facts.regionCode() != null) {
			codes.add(facts.regionCode());
		}
		codes.addAll(facts.sellerRegions());
		codes.addAll(facts.factoryRegions());
		codes.addAll(facts.warehouseRegions());
		actions.forEach((a) -> codes.addAll(a.regionCodes()));
		return List.copyOf(codes);
	}

	static PublicationSummary of(PublicationFacts.CaseFacts facts, List<PublicationFacts.ActionGroup> actions,
			Map<String, PublicationFacts.City> regions) {
		List<City> cities = cities(facts, actions, regions);
		List<Platform> platforms = facts.platforms().stream()
			.map((p) -> new Platform(Scrubber.scrub(p.name()), p.type(), p.listings())).toList();
		List<String> brands = facts.brands().stream().map(Scrubber::scrub).toList();
		List<ActionTally> tallies = actions.stream()
			.map((a) -> new ActionTally(a.type(), a.status(), a.count(), a.valueSeized())).toList();
		double valueSeized = actions.stream().mapToDouble(PublicationFacts.ActionGroup::valueSeized).sum();
		Dates dates = new Dates(facts.openedAt(), facts.closedAt(),
				actions.stream().map(PublicationFacts.ActionGroup::first).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null),
				actions.stream().map(PublicationFacts.ActionGroup::last).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
		String lead = Scrubber.scrub(leadRegion(regions.get(facts.regionCode())));
		String headline = Scrubber.scrub(Headline.of(lead, facts.counts(), platforms.size(), brands,
				facts.counts().factories(), tallies.stream().mapToInt(ActionTally::count).sum(), valueSeized));
		return new PublicationSummary(facts.caseId(), headline, facts.status(), lead, facts.counts(), platforms, cities,
				brands, companies(facts, regions), tallies, valueSeized, dates, facts.truncated());
	}

	private static List<City> cities(PublicationFacts.CaseFacts facts, List<PublicationFacts.ActionGroup> actions,
			Map<String, PublicationFacts.City> regions) {
		Map<String, EnumSet<CityRole>> roles = new TreeMap<>();
		Map<String, PublicationFacts.City> byCode = new LinkedHashMap<>();
		Map<CityRole, List<String>> codes = new LinkedHashMap<>();
		codes.put(CityRole.SELLERS, facts.sellerRegions());
		codes.put(CityRole.FACTORIES, facts.factoryRegions());
		codes.put(CityRole.WAREHOUSES, facts.warehouseRegions());
		codes.put(CityRole.ACTIONS, actions.stream().flatMap((a) -> a.regionCodes().stream()).toList());
		codes.forEach((role, list) -> list.forEach((code) -> {
			PublicationFacts.City city = regions.get(code);
			if (city != null && city.code() != null) {
				byCode.putIfAbsent(city.code(), city);
				roles.computeIfAbsent(city.code(), (c) -> EnumSet.noneOf(CityRole.class)).add(role);
			}
		}));
		List<City> cities = new ArrayList<>();
		roles.forEach((code, set) -> {
			PublicationFacts.City city = byCode.get(code);
			cities.add(new City(code, Scrubber.scrub(cityName(city)), Scrubber.scrub(city.province()),
					set.stream().map(Enum::name).toList()));
		});
		return cities;
	}

	private static List<Company> companies(PublicationFacts.CaseFacts facts, Map<String, PublicationFacts.City> regions) {
		Set<Company> companies = new LinkedHashSet<>();
		facts.companies().stream()
			.filter((c) -> c.name() != null)
			.sorted(Comparator.comparing(PublicationFacts.Company::role).thenComparing(PublicationFacts.Company::name))
			.forEach((c) -> {
				PublicationFacts.City city = regions.get(c.regionCode());
				String cityName = (city != null && city.code() != null) ? cityName(city) : null;
				companies.add(new Company(Scrubber.scrub(c.name()), c.role(), Scrubber.scrub(cityName)));
			});
		return List.copyOf(companies);
	}

	private static String cityName(PublicationFacts.City city) {
		return (PLACEHOLDER_CITIES.contains(city.name()) && city.province() != null) ? city.province() : city.name();
	}

	/** The case's leading region at city level; its own name when it is a province. */
	private static String leadRegion(PublicationFacts.City region) {
		if (region == null) {
			return null;
		}
		return (region.code() != null) ? cityName(region) : region.regionName();
	}

	/** The neutral headline: counts and names of what may be named, never the case's title or notes. */
	static final class Headline {

		private Headline() {
		}

		static String of(String lead, PublicationFacts.Counts counts, int platforms, List<String> brands,
				int factories, int actions, double valueSeized) {
			StringBuilder text = new StringBuilder((lead != null) ? "Case led by " + lead : "Case");
			text.append(": ").append(count(counts.listingsReached(), "listing")).append(" reached on ")
				.append(count(platforms, "platform"));
			if (counts.listingsTakenDown() > 0) {
				text.append(" (").append(String.format(Locale.ROOT, "%,d", counts.listingsTakenDown())).append(" taken down)");
			}
			if (!brands.isEmpty()) {
				text.append(", counterfeit ").append(brands.size() == 1 ? "brand " : "brands ").append(names(brands));
			}
			text.append("; ").append(count(counts.storefronts(), "storefront")).append(" of ")
				.append(count(counts.sellers(), "seller")).append(", ").append(count(factories, "factory", "factories"))
				.append(", ").append(count(counts.warehouses(), "warehouse")).append("; ")
				.append(count(actions, "enforcement action"));
			if (valueSeized > 0) {
				text.append(", goods worth CNY ").append(String.format(Locale.ROOT, "%,.0f", valueSeized)).append(" seized");
			}
			return text.append('.').toString();
		}

		private static String names(List<String> names) {
			if (names.size() <= 3) {
				return String.join(", ", names);
			}
			return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
		}

		private static String count(int n, String one) {
			return count(n, one, one + "s");
		}

		private static String count(int n, String one, String many) {
			return String.format(Locale.ROOT, "%,d", n) + " " + ((n == 1) ? one : many);
		}

	}

}
