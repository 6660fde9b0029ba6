package dev.otpnet.inet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The POSIX error atoms of Erlang's {@code inet} module, with the text
 * {@code inet:format_error/1} gives for each (read off Erlang/OTP 25).
 */
public enum Posix implements Reason {
    E2BIG("argument list too long"),
    EACCES("permission denied"),
    EADDRINUSE("address already in use"),
    EADDRNOTAVAIL("can't assign requested address"),
    EADV("advertise error"),
    EAFNOSUPPORT("address family not supported by protocol family"),
    EAGAIN("resource temporarily unavailable"),
    EALIGN("EALIGN"),
    EALREADY("operation already in progress"),
    EBADE("bad exchange descriptor"),
    EBADF("bad file number"),
    EBADFD("file descriptor in bad state"),
    EBADMSG("not a data message"),
    EBADR("bad request descriptor"),
    EBADRPC("RPC structure is bad"),
    EBADRQC("bad request code"),
    EBADSLT("invalid slot"),
    EBFONT("bad font file format"),
    EBUSY("file busy"),
    ECAPMODE("unknown POSIX error"),
    ECHILD("no children"),
    ECHRNG("channel number out of range"),
    ECOMM("communication error on send"),
    ECONNABORTED("software caused connection abort"),
    ECONNREFUSED("connection refused"),
    ECONNRESET("connection reset by peer"),
    EDEADLK("resource deadlock avoided"),
    EDEADLOCK("resource deadlock avoided"),
    EDESTADDRREQ("destination address required"),
    EDIRTY("mounting a dirty fs w/o force"),
    EDOM("math argument out of range"),
    EDOTDOT("cross mount point"),
    EDQUOT("disk quota exceeded"),
    EDUPPKG("duplicate package name"),
    EEXIST("file already exists"),
    EFAULT("bad address in system call argument"),
    EFBIG("file too large"),
    EHOSTDOWN("host is down"),
    EHOSTUNREACH("host is unreachable"),
    EIDRM("identifier removed"),
    EINIT("initialization error"),
    EINPROGRESS("operation now in progress"),
    EINTR("interrupted system call"),
    EINVAL("invalid argument"),
    EIO("I/O error"),
    EISCONN("socket is already connected"),
    EISDIR("illegal operation on a directory"),
    EISNAM("is a name file"),
    EL2HLT("level 2 halted"),
    EL2NSYNC("level 2 not synchronized"),
    EL3HLT("level 3 halted"),
    EL3RST("level 3 reset"),
    ELBIN("ELBIN"),
    ELIBACC("cannot access a needed shared library"),
    ELIBBAD("accessing a corrupted shared library"),
    ELIBEXEC("cannot exec a shared library directly"),
    ELIBMAX("attempting to link in more shared libraries than system limit"),
    ELIBSCN(".lib section in a.out corrupted"),
    ELNRNG("link number out of range"),
    ELOOP("too many levels of symbolic links"),
    EMFILE("too many open files"),
    EMLINK("too many links"),
    EMSGSIZE("message too long"),
    EMULTIHOP("multihop attempted"),
    ENAMETOOLONG("file name too long"),
    ENAVAIL("not available"),
    ENET("ENET"),
    ENETDOWN("network is down"),
    ENETRESET("network dropped connection on reset"),
    ENETUNREACH("network is unreachable"),
    ENFILE("file table overflow"),
    ENOANO("anode table overflow"),
    ENOBUFS("no buffer space available"),
    ENOCSI("no CSI structure available"),
    ENODATA("no data available"),
    ENODEV("no such device"),
    ENOENT("no such file or directory"),
    ENOEXEC("exec format error"),
    ENOLCK("no locks available"),
    ENOLINK("link has be severed"),
    ENOMEM("not enough memory"),
    ENOMSG("no message of desired type"),
    ENONET("machine is not on the network"),
    ENOPKG("package not installed"),
    ENOPROTOOPT("bad proocol option"),
    ENOSPC("no space left on device"),
    ENOSR("out of stream resources or not a stream device"),
    ENOSTR("not a stream"),
    ENOSYM("unresolved symbol name"),
    ENOSYS("function not implemented"),
    ENOTBLK("block device required"),
    ENOTCAPABLE("unknown POSIX error"),
    ENOTCONN("socket is not connected"),
    ENOTDIR("not a directory"),
    ENOTEMPTY("directory not empty"),
    ENOTNAM("not a name file"),
    ENOTRECOVERABLE("unknown POSIX error"),
    ENOTSOCK("socket operation on non-socket"),
    ENOTSUP("operation not supported"),
    ENOTTY("inappropriate device for ioctl"),
    ENOTUNIQ("name not unique on network"),
    ENXIO("no such device or address"),
    EOPNOTSUPP("operation not supported on socket"),
    EOVERFLOW("offset too large for file system"),
    EOWNERDEAD("unknown POSIX error"),
    EPERM("not owner"),
    EPFNOSUPPORT("protocol family not supported"),
    EPIPE("broken pipe"),
    EPROCLIM("too many processes"),
    EPROCUNAVAIL("bad procedure for program"),
    EPROGMISMATCH("program version wrong"),
    EPROGUNAVAIL("RPC program not available"),
    EPROTO("protocol error"),
    EPROTONOSUPPORT("protocol not supported"),
    EPROTOTYPE("protocol wrong type for socket"),
    ERANGE("math result unrepresentable"),
    EREFUSED("EREFUSED"),
    EREMCHG("remote address changed"),
    EREMDEV("remote device"),
    EREMOTE("pathname hit remote file system"),
    EREMOTEIO("remote i/o error"),
    EREMOTERELEASE("EREMOTERELEASE"),
    EROFS("read-only file system"),
    ERPCMISMATCH("RPC version is wrong"),
    ERREMOTE("object is remote"),
    ESHUTDOWN("can't send after socket shutdown"),
    ESOCKTNOSUPPORT("socket type not supported"),
    ESPIPE("invalid seek"),
    ESRCH("no such process"),
    ESRMNT("srmount error"),
    ESTALE("stale remote file handle"),
    ESUCCESS("Error 0"),
    ETIME("timer expired"),
    ETIMEDOUT("connection timed out"),
    ETOOMANYREFS("too many references: can't splice"),
    ETXTBSY("text file or pseudo-device busy"),
    EUCLEAN("structure needs cleaning"),
    EUNATCH("protocol driver not attached"),
    EUSERS("too many users"),
    EVERSION("version mismatch"),
    EWOULDBLOCK("operation would block"),
    EXDEV("cross-domain link"),
    EXFULL("message tables full");

    private static final Map<String, Posix> BY_ATOM = new HashMap<>();

    static {
        for (Posix p : values()) {
            BY_ATOM.put(p.atom(), p);
        }
    }

    private final String text;

    Posix(String text) {
        this.text = text;
    }

    /** The atom, e.g. {@code "econnrefused"}. */
    @Override
    public String atom() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Erlang's {@code inet:format_error/1} text. */
    @Override
    public String text() {
        return text;
    }

    /** The POSIX reason named by {@code atom}, if there is one. */
    public static Optional<Posix> fromAtom(String atom) {
        return Optional.ofNullable(BY_ATOM.get(atom));
    }

    @Override
    public String toString() {
        return atom();
    }
}
