package org.twgate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class SwappableRelayPolicyTest {

    /** A method added to RelayPolicy later (with a default) would silently bypass the swap. */
    @Test
    void forwardsEveryMethodOfRelayPolicy() throws Exception {
        for (Method m : RelayPolicy.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = SwappableRelayPolicy.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(own.getDeclaringClass()).as("%s is overridden", m.getName()).isEqualTo(SwappableRelayPolicy.class);
        }
    }
}
