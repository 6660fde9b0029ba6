package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A corpus of malformed inputs, each refused with {@code badarg}, the offset where the decoder
 * stopped, and a message saying why. (Erlang refuses every one of them too; the differential
 * suite checks Erlang's verdicts on thousands more.)
 */
@Timeout(30)
class MalformedTermsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty input                              |                                   | 0  | 0 remain
            only the version byte                    | 83                                | 1  | 0 remain
            wrong version                            | 82 6101                           | 0  | not the version byte 131
            unknown tag                              | 83 c8                             | 1  | unknown tag 200
            integer cut short                        | 83 620000                         | 2  | 4 bytes are needed
            bignum longer than the input             | 83 6f ffffffff 00                 | 6  | 4294967295
            atom longer than the input               | 83 64 0005 6162                   | 4  | 5 bytes are needed
            Latin-1 atom over 255 characters         | 83 64 0100 00                     | 1  | at most 255
            atom that is not UTF-8                   | 83 76 0002 c328                   | 1  | not valid UTF-8
            atom with an encoded surrogate           | 83 76 0003 eda080                 | 1  | not valid UTF-8
            tuple with fewer elements than its arity | 83 68 02 6101                     | 5  | 1 bytes are needed
            large tuple arity beyond the input       | 83 69 ffffffff                    | 6  | 4294967295
            list count beyond the input              | 83 6c 00000002 6101               | 6  | 3 bytes are needed
            string cut short                         | 83 6b 0003 0102                   | 4  | 3 bytes are needed
            binary length beyond the input           | 83 6d 00000003 0102               | 6  | a count of 3 announces more
            bitstring of 0 bits in its last byte     | 83 4d 00000001 00 ff              | 1  | cannot use 0 bits
            bitstring of 9 bits in its last byte     | 83 4d 00000001 09 ff              | 1  | cannot use 9 bits
            map with a key twice                     | 83 74 00000002 6101 6102 6101 6103 | 10 | the key 1 twice
            map arity beyond the input               | 83 74 ffffffff                    | 6  | 4294967295
            NaN as a float                           | 83 46 7ff8000000000000            | 1  | must be finite
            infinity as a float                      | 83 46 7ff0000000000000            | 1  | must be finite
            FLOAT_EXT that is not a number           | 83 63 616263 00000000000000000000000000000000000000000000000000000000 | 1 | not a float
            pid whose node is not an atom            | 83 58 6101 00000001 00000002 00000003 | 2 | an atom was expected
            old pid with a creation over 3           | 83 67 7600036e4068 00000000 00000000 04 | 1 | creation is 0..3
            reference of six words                   | 83 5a 0006                        | 1  | 0 to 5 ID words
            old reference with a 19-bit word         | 83 65 7600036e4068 00040000 03    | 1  | holds 18 bits
            pre-R10 fun                              | 83 75 00000000                    | 1  | FUN_EXT (117)
            atom cache reference                     | 83 52 00                          | 1  | distribution message
            compressed term inside a term            | 83 68 01 50 00000001              | 3  | may only follow the version byte
            compressed data that is not zlib         | 83 50 00000002 01020304           | 6  | not a valid zlib stream
            compressed data cut short                | 83 50 00000002 789c                | 6  | cut short
            """)
    void malformedInputIsBadargWithTheOffsetAndTheReason(String what, String hex, long offset, String reason) {
        Bytes input = Bytes.wrap(HexFormat.of().parseHex(hex == null ? "" : hex.replace(" ", "")));
        BadargException e = assertThrows(BadargException.class, () -> Terms.binaryToTerm(input), what);
        assertTrue(e.getMessage().contains(reason), () -> what + ": " + e.getMessage());
        assertEquals(offset, e.offset(), () -> what + ": " + e.getMessage());
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(input, List.of(Terms.safe())), what);
    }
}
