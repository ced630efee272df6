package org.sourcetrace.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking, however they signed in (form, HTTP Basic, API token, JWT): a name, roles and the region whose
 * case records they may see and change (null for users who see none). The one place the rest of the service
 * learns the caller from.
 *
 * @param name the user name, or {@code token:<id>} for an API token
 * @param roles what they may do
 * @param regionCode GB/T 2260 code of their region, or null
 */
public record SignedInUser(String name, Set<Role> roles, String regionCode) {

	/** The request attribute that holds the caller for code outside Spring Security's chain (the audit trail). */
	public static final String REQUEST_ATTRIBUTE = SignedInUser.class.getName();

	public SignedInUser {
		roles = Set.copyOf(roles);
		regionCode = (regionCode == null || regionCode.isBlank()) ? null : regionCode.strip();
	}

	/** Whether case records are theirs to see at all: only investigators with a region. */
	public boolean readsCases() {
		return this.roles.contains(Role.INVESTIGATOR) && this.regionCode != null;
	}

	/** The caller of the current request, if signed in. */
	public static Optional<SignedInUser> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return Optional.empty();
		}
		return switch (authentication.getPrincipal()) {
			case SignedInUser user -> Optional.of(user);
			case UserAccount account -> Optional.of(account.user());
			case null, default -> Optional.empty();
		};
	}

	/**
	 * Runs work of the service's own (not a caller's) as this user, on the current thread: it passes the same
	 * rules as a caller would, and the audit names it.
	 */
	public void run(Runnable work) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(this, null, UserAccount.authorities(this)));
		try {
			work.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** The caller's name, for the records of who did what; "anonymous" when nobody is signed in (never on a guarded path). */
	public static String currentName() {
		return current().map(SignedInUser::name).orElse("anonymous");
	}

}
