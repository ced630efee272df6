package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the files of an import come from: directories and files named on the command line, an upload (files
 * or zips), or a resource folder (the demo, on the classpath). A directory or zip contributes its {@code .csv} and {@code .jsonl}
 * files (anything else, such as truth.json, is not part of an import); a file named on its own is always
 * taken, so that a misnamed one is reported rather than skipped.
 */
final class ImportFiles {

	private ImportFiles() {
	}

	static List<ImportFile> fromPaths(List<Path> paths) throws IOException {
		List<ImportFile> files = new ArrayList<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> entries = Files.list(path)) {
					for (Path entry : entries.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
						ImportFile file = ImportFile.of(entry);
						if (file.hasDataExtension()) {
							files.add(file);
						}
					}
				}
			}
			else if (Files.isRegularFile(path)) {
				files.add(ImportFile.of(path));
			}
			else {
				throw new IOException("No such file or directory: " + path.toAbsolutePath());
			}
		}
		return files;
	}

	/**
	 * Saves an uploaded file into {@code dir}, unpacking it when it is a zip, and returns what it holds. Names
	 * are reduced to their last segment, so nothing is written outside {@code dir}.
	 */
	static List<ImportFile> saveUpload(String name, InputStream content, Path dir) throws IOException {
		String base = baseName(name);
		List<ImportFile> files = new ArrayList<>();
		if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
			try (ZipInputStream zip = new ZipInputStream(content)) {
				ZipEntry entry;
				while ((entry = zip.getNextEntry()) != null) {
					String entryName = baseName(entry.getName());
					if (!entry.isDirectory() && !entryName.startsWith(".") && isData(entryName)) {
						files.add(save(entryName, zip, dir));
					}
				}
			}
		}
		else {
			files.add(save(base, content, dir));
		}
		return files;
	}

	/**
	 * The {@code .csv} and {@code .jsonl} files of a folder named by a Spring resource location, such as
	 * {@code classpath*:demo} (works inside the jar) or {@code file:/data/import}.
	 */
	static List<ImportFile> fromResources(String location) throws IOException {
		var resolver = new PathMatchingResourcePatternResolver();
		List<ImportFile> files = new ArrayList<>();
		for (String pattern : List.of("/*.csv", "/*.jsonl")) {
			for (Resource resource : resolver.getResources(location + pattern)) {
				files.add(new ImportFile(resource.getFilename(), resource.contentLength(), resource::getInputStream));
			}
		}
		files.sort(Comparator.comparing(ImportFile::name));
		return files;
	}

	private static ImportFile save(String name, InputStream content, Path dir) throws IOException {
		// each file in a folder of its own: two uploads of the same name are both kept and reported
		Path folder = Files.createTempDirectory(dir, "f");
		Path target = folder.resolve(name);
		Files.copy(content, target);
		return ImportFile.of(target);
	}

	private static boolean isData(String name) {
		return name.endsWith(".csv") || name.endsWith(".jsonl");
	}

	private static String baseName(String name) {
		String base = (name != null) ? name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) : "";
		return (base.isBlank() || base.equals("..") || base.equals(".")) ? "unnamed" : base;
	}

}
