package io.petty.api.http;

import io.petty.api.correlation.RequestIds;
import io.petty.api.problem.Problem;
import io.petty.api.problem.ProblemMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web module's error page (WEB-INF/web.xml): errors the servlet container answers before Jakarta REST sees the
 * request (a {@code Content-Type} that is no media type, say, measured by the fuzz test) get the same problem
 * document as every other error instead of Liberty's text page.
 */
@WebServlet(ContainerErrors.PATH)
public class ContainerErrors extends HttpServlet {

    static final String PATH = "/_error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String requestId = RequestIds.assign(request);
        Problem problem = new Problem(ProblemMapper.ABOUT_BLANK, reason(status), status,
                ProblemMapper.frameworkDetail(status), uri == null ? request.getRequestURI() : uri.toString(),
                requestId, null);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(RequestIds.HEADER, requestId);
        response.getWriter().write(JsonConventions.jsonb().toJson(problem));
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
