import ArgumentParser
import Foundation
import MartletServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a command gets a new password: `--password-stdin`, a terminal prompt, or generated.
struct PasswordOptions: ParsableArguments {
    @Flag(name: .long, help: "Read the password from the first line of standard input.")
    var passwordStdin = false

    /// A password and whether it was generated (and must therefore be shown once).
    struct Secret {
        let password: String
        let wasGenerated: Bool
    }

    func obtain() throws -> Secret {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw AdminError("no password on standard input")
            }
            return Secret(password: line.hasSuffix("\r") ? String(line.dropLast()) : line, wasGenerated: false)
        }
        if isatty(STDIN_FILENO) == 1 {
            let first = try Self.prompt("New password: ")
            guard !first.isEmpty else { throw AdminError("the password is empty") }
            let second = try Self.prompt("Repeat it: ")
            guard first == second else { throw AdminError("the two passwords differ") }
            return Secret(password: first, wasGenerated: false)
        }
        return Secret(password: PasswordGenerator.generate(), wasGenerated: true)
    }

    /// Reads one line from the terminal with echo turned off.
    private static func prompt(_ text: String) throws -> String {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw AdminError("cannot read the terminal's settings") }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        FileHandle.standardError.write(Data(text.utf8))
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
