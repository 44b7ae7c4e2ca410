package io.ward.server.web;

import io.ward.server.api.ApiException;
import io.ward.server.api.IngestCommands;
import io.ward.server.api.JobJson;
import io.ward.server.audit.Actor;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /upload}: send a capture, feed or device records, sync feeds (admins), and watch the jobs
 * (htmx polls the progress).
 */
@Controller
class UploadPages {
  private final IngestCommands commands;
  private final JobService jobs;

  UploadPages(IngestCommands commands, JobService jobs) {
    this.commands = commands;
    this.jobs = jobs;
  }

  @GetMapping("/upload")
  String upload(Model model) {
    model.addAttribute("page", "upload");
    model.addAttribute("jobs", jobs.recent(20).stream().map(JobJson::of).toList());
    model.addAttribute("feedSync", commands.syncSettings());
    model.addAttribute("maxUpload", commands.maxUpload());
    return "upload";
  }

  /** "Sync now" (admins): fetch and import feeds into the feed directory, then read it. */
  @PostMapping("/admin/feeds/sync")
  String syncFeeds(RedirectAttributes flash) {
    return submit(() -> commands.syncFeeds(Actor.current()), flash);
  }

  @PostMapping("/upload")
  String capture(
      @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash) {
    return submit(() -> commands.submitCapture(file, Actor.current()), flash);
  }

  @PostMapping("/upload/feed")
  String feed(
      @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash) {
    return submit(() -> commands.submitFeed(file, Actor.current()), flash);
  }

  @PostMapping("/upload/import")
  String importFile(
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "mapping", required = false) MultipartFile mapping,
      RedirectAttributes flash) {
    if ("cmdb".equals(kind)) {
      return submit(() -> commands.submitCmdb(file, mapping, Actor.current()), flash);
    }
    return submit(() -> commands.submitImport(kind, file, Actor.current()), flash);
  }

  private static String submit(java.util.function.Supplier<Job> work, RedirectAttributes flash) {
    try {
      Job job = work.get();
      flash.addFlashAttribute("notice", "Job #" + job.id() + " queued for " + job.filename() + ".");
    } catch (ApiException e) {
      flash.addFlashAttribute("failure", e.getMessage());
    }
    return "redirect:/upload";
  }

  @GetMapping("/jobs/{id}/progress")
  String progress(@PathVariable("id") long id, Model model) {
    model.addAttribute("job", JobJson.of(commands.get(id)));
    return "fragments/job :: job";
  }

  @PostMapping("/jobs/{id}/cancel")
  String cancel(
      @PathVariable("id") long id,
      @RequestParam(name = "returnTo", required = false) String returnTo,
      RedirectAttributes flash) {
    try {
      commands.cancel(id, Actor.current());
      flash.addFlashAttribute("notice", "Job #" + id + " cancelled.");
    } catch (ApiException e) {
      flash.addFlashAttribute("failure", e.getMessage());
    }
    return Redirects.back(returnTo, "/upload");
  }
}
