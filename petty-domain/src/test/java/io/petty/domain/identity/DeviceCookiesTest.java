package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.secrets.SecretStore;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceCookiesTest {

    private DeviceCookies cookies;

    @BeforeEach
    void secretStoreOnPostgres() {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        cookies = new DeviceCookies(new SecretStore(database, new MasterKey(Aead.newKey()), Clock.systemUTC()));
    }

    @Test
    void aCookieNamesItsDeviceForItsAccountOnly() {
        String cookie = cookies.issue("account-a", Optional.empty());
        String device = cookies.device("account-a", cookie).orElseThrow();

        assertEquals(Optional.empty(), cookies.device("account-b", cookie), "another account's cookie is nothing");
        assertEquals(cookie, cookies.issue("account-a", Optional.of(device)), "a device keeps its cookie");
        assertTrue(cookies.device("account-a", cookies.issue("account-a", Optional.empty())).isPresent());
    }

    @Test
    void aForgedOrMangledCookieIsNothing() {
        String cookie = cookies.issue("account-a", Optional.empty());
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        bytes[bytes.length - 1] ^= 1;
        for (String forged : new String[] {Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), "", "%%%",
                cookie.substring(1), null, "A".repeat(1000)}) {
            assertEquals(Optional.empty(), cookies.device("account-a", forged), String.valueOf(forged));
        }
    }
}
