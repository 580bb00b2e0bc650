package gale.control.experiment;

/** One of the seed's figures beside Gale's, measured over the same window of the method's load. */
public record FigureResult(Seed.Figure figure, double gale) {

    public String shown() {
        return Double.isNaN(gale) ? "no data" : figure.measure().kind().unit().format(gale);
    }
}
