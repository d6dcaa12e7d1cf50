package org.twgate.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Puts a test's answer behind every reverse lookup the JDK makes ({@code InetAddress.getHostName},
 * {@code getCanonicalHostName}, whoever calls them), and records the thread of each: the proof
 * that a library did or did not look a name up on an event loop. Forward lookups go to the
 * system resolver as before. Java 17's {@code InetAddress.nameService}; needs
 * {@code --add-opens java.base/java.net=ALL-UNNAMED} (gateway/pom.xml gives it to the tests).
 */
public final class NameServiceSeam implements AutoCloseable {
    /** The PTR answer for an address; may block (that is what the tests want to show harmless). */
    @FunctionalInterface
    public interface Ptr {
        String nameOf(byte[] address) throws Exception;
    }

    private final Field field;
    private final Object original;
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();

    private NameServiceSeam(Ptr ptr) throws ReflectiveOperationException {
        field = InetAddress.class.getDeclaredField("nameService");
        field.setAccessible(true);
        original = field.get(null);
        Class<?> type = Class.forName("java.net.InetAddress$NameService");
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getName().equals("getHostByAddr")) {
                lookupThreads.add(Thread.currentThread().getName());
                try {
                    return ptr.nameOf((byte[]) args[0]);
                } catch (java.net.UnknownHostException e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.net.UnknownHostException(e.toString());
                }
            }
            return delegate(method, args);
        });
        field.set(null, proxy);
    }

    public static NameServiceSeam install(Ptr ptr) {
        try {
            return new NameServiceSeam(ptr);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot replace InetAddress.nameService (is java.net opened to the tests?)", e);
        }
    }

    private Object delegate(Method method, Object[] args) throws Throwable {
        try {
            method.setAccessible(true);
            return method.invoke(original, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The names of the threads that asked for a PTR record, in order. */
    public List<String> lookupThreads() {
        return List.copyOf(lookupThreads);
    }

    @Override
    public void close() {
        try {
            field.set(null, original);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
