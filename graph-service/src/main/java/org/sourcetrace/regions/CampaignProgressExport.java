package org.sourcetrace.regions;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.sourcetrace.regions.CampaignProgressService.CampaignProgress;
import org.sourcetrace.regions.CampaignProgressService.ProgressCounts;
import org.sourcetrace.regions.CampaignProgressService.ProgressPoint;
import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's progress for spreadsheets: {@code GET /exports/campaign-progress.csv?campaignId=…&regionCode=…&interval=WEEK|MONTH}
 * — one row per step with its counts and the cumulative ones (UTF-8 with a BOM, RFC 4180), the same numbers as
 * {@code campaignProgress}, under the same rule.
 */
@RestController
class CampaignProgressExport {

	static final List<String> COUNTS = List.of("casesOpened", "casesClosed", "takedowns", "raids", "seizures",
			"valueSeized", "accountsFrozen", "assistanceSent", "assistanceCompleted", "listingsDisconnected");

	private final CampaignProgressService progress;

	CampaignProgressExport(CampaignProgressService progress) {
		this.progress = progress;
	}

	@GetMapping("/exports/campaign-progress.csv")
	@Rules.Investigates
	ResponseEntity<?> csv(@RequestParam(required = false) String campaignId, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String interval, HttpServletResponse response) throws IOException {
		if (campaignId == null || campaignId.isBlank()) {
			throw new BadRequestException("campaignId", "Parameter 'campaignId' is required.");
		}
		CampaignProgress answer = this.progress.progress(campaignId, regionCode, interval);
		if (answer == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", "No campaign has the id " + campaignId + "."));
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"campaign-progress-" + campaignId.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			List<String> header = new ArrayList<>(List.of("startsOn", "endsOn"));
			header.addAll(COUNTS);
			COUNTS.forEach((c) -> header.add("cumulative " + c));
			csv.printRecord(header);
			for (ProgressPoint point : answer.series()) {
				List<Object> row = new ArrayList<>(List.of(point.startsOn().toString(), point.endsOn().toString()));
				row.addAll(cells(point.counts()));
				row.addAll(cells(point.cumulative()));
				csv.printRecord(row);
			}
		}
		return null;
	}

	static List<Object> cells(ProgressCounts c) {
		return List.of(c.casesOpened(), c.casesClosed(), c.takedowns(), c.raids(), c.seizures(),
				java.math.BigDecimal.valueOf(c.valueSeized()).stripTrailingZeros().toPlainString(), c.accountsFrozen(),
				c.assistanceSent(), c.assistanceCompleted(), c.listingsDisconnected());
	}

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequestException ex) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getMessage(), "argument", String.valueOf(ex.argument())));
	}

}
