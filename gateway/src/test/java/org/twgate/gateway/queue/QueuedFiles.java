package org.twgate.gateway.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;

/** What of queue/ is mail: messages and journals (finished messages' files stay there as reserves). */
final class QueuedFiles {
    private QueuedFiles() {
    }

    static List<String> of(Spool spool) throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(spool.queueDir())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".log") || spool.contains(new QueueId(name.replace(".msg", "")))) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
