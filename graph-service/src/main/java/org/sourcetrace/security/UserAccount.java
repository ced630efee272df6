package org.sourcetrace.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A configured person (form login, HTTP Basic): Spring Security's user carrying the region beside the roles. */
final class UserAccount extends User {

	private final SignedInUser user;

	UserAccount(SignedInUser user, String passwordHash) {
		super(user.name(), passwordHash, authorities(user));
		this.user = user;
	}

	SignedInUser user() {
		return this.user;
	}

	static Collection<GrantedAuthority> authorities(SignedInUser user) {
		return user.roles().stream().map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
