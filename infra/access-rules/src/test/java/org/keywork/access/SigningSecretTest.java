package org.keywork.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SigningSecretTest {

	@Test
	void thePublicDefaultIsRefusedOutsideALocalStackOrATestNamingTheVariableToSet() {
		assertThatThrownBy(() -> SigningSecret.check(SigningSecret.PUBLIC_DEFAULT, false))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("KEYWORK_AUTH_SECRET")
			.hasMessageContaining("KEYWORK_AUTH_ALLOW_PUBLIC_SECRET=true");
	}

	@Test
	void aSecretOfOnesOwnOrTheAllowedPublicOnePasses() {
		assertThatCode(() -> SigningSecret.check("a-secret-of-our-own-0123456789-abcdefgh", false))
			.doesNotThrowAnyException();
		assertThatCode(() -> SigningSecret.check(SigningSecret.PUBLIC_DEFAULT, true)).doesNotThrowAnyException();
	}

}
