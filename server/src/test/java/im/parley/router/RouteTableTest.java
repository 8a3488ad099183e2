package im.parley.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ConfigException;
import im.parley.module.ServiceDomain;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable routes = new RouteTable(List.of("example.com", "echo.example.com"));

    @Test
    void aServiceDomainThatIsAlsoAHostIsAConfigurationErrorNamingHosts() {
        assertThatThrownBy(() -> routes.add(new ServiceDomain("echo.example.com", "example.com", "Echo", null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hosts: echo.example.com is also the domain of the service 'Echo' of example.com; host it,"
                        + " or switch the service off, not both");
        assertThat(routes.get("echo.example.com")).isEqualTo(new RouteTable.Hosted("echo.example.com"));
    }
}
