package dev.cascade.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

import dev.cascade.localinfra.SharedInfrastructure;

/**
 * Reaches the one {@link SharedInfrastructure} of this JVM.
 *
 * <p>Quarkus loads test resources in class loaders of its own and may create new ones when a test
 * needs a restarted application; a static field seen from here could then belong to a second copy of
 * {@code SharedInfrastructure} and start a second PostgreSQL. Calling the copy of the system class
 * loader, with only JDK types crossing over, keeps one instance per JVM and keeps the servers' threads
 * out of class loaders that Quarkus closes.
 */
final class JvmWideInfrastructure {

    private JvmWideInfrastructure() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> postgres(String database) {
        return (Map<String, String>) call("postgres", new Class<?>[] {String.class}, database);
    }

    static String kafkaBootstrapServers() {
        return (String) call("kafkaBootstrapServers", new Class<?>[0]);
    }

    private static Object call(String method, Class<?>[] parameterTypes, Object... arguments) {
        Class<?> shared = sharedInfrastructureClass();
        try {
            return shared.getMethod(method, parameterTypes).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call SharedInfrastructure." + method, e);
        }
    }

    private static Class<?> sharedInfrastructureClass() {
        try {
            return Class.forName(SharedInfrastructure.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // Not on the system class path (an unusual runner): this loader's copy is the only one.
            return SharedInfrastructure.class;
        }
    }
}
