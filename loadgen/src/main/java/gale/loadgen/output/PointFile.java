package gale.loadgen.output;

import java.io.IOException;

/** A file of points in one of k6's formats. */
interface PointFile extends AutoCloseable {

    /** Written first: k6's JSON declares each metric once. */
    void declare(String metric, String type, String contains) throws IOException;

    void write(Point p) throws IOException;

    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
