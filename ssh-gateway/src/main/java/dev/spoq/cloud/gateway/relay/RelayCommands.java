package dev.spoq.cloud.gateway.relay;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.apache.sshd.server.subsystem.SubsystemFactory;

import java.util.List;

/** MINA's shell, exec and subsystem factories, all answering with a {@link RelayCommand}. */
public final class RelayCommands {
    /** Subsystems passed through as raw bytes; OpenSSH 9's scp and sftp both use "sftp". */
    static final List<String> SUBSYSTEMS = List.of("sftp");

    private RelayCommands() {
    }

    public static ShellFactory shell(RelayContext context) {
        return channel -> new RelayCommand(RelayCommand.Kind.SHELL, null, context);
    }

    public static CommandFactory exec(RelayContext context) {
        return (channel, command) -> new RelayCommand(RelayCommand.Kind.EXEC, command, context);
    }

    public static List<SubsystemFactory> subsystems(RelayContext context) {
        return SUBSYSTEMS.stream().<SubsystemFactory>map(name -> new SubsystemFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Command createSubsystem(ChannelSession channel) {
                return new RelayCommand(RelayCommand.Kind.SUBSYSTEM, name, context);
            }
        }).toList();
    }
}
