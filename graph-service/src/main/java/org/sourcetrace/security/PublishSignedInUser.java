package org.sourcetrace.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Leaves who is signed in on the request ({@link SignedInUser#REQUEST_ATTRIBUTE}) for what runs outside Spring
 * Security's chain, where the security context is already cleared when the request comes back — the audit
 * trail. It runs inside the chain, before the authorization filter, once authentication has happened.
 * Deliberately not a bean: Boot would register it as a servlet filter of its own, outside the chain.
 */
final class PublishSignedInUser extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SignedInUser.current().ifPresent((user) -> request.setAttribute(SignedInUser.REQUEST_ATTRIBUTE, user));
		chain.doFilter(request, response);
	}

}
